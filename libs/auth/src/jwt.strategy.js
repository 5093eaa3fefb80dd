"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.JwtStrategy = exports.JWT_SECRET = void 0;
const common_1 = require("@nestjs/common");
const passport_1 = require("@nestjs/passport");
const postgresql_1 = require("@mikro-orm/postgresql");
const passport_jwt_1 = require("passport-jwt");
const common_2 = require("../../common/src/index.js");
const token_service_1 = require("./token.service");
exports.JWT_SECRET = Symbol('JWT_SECRET');
/** Passport strategy for `Authorization: Bearer <accessToken>`; loads the user so role changes apply at once. */
let JwtStrategy = class JwtStrategy extends (0, passport_1.PassportStrategy)(passport_jwt_1.Strategy, 'jwt') {
    em;
    constructor(secret, em) {
        super({
            jwtFromRequest: passport_jwt_1.ExtractJwt.fromAuthHeaderAsBearerToken(),
            secretOrKey: secret,
            algorithms: ['HS256'],
            ignoreExpiration: false,
        });
        this.em = em;
    }
    async validate(payload) {
        if (payload?.typ !== 'access' || typeof payload.sub !== 'string')
            throw new common_2.AppError('UNAUTHENTICATED', 'Access token is invalid');
        const user = await (0, token_service_1.loadAuthUser)(this.em, payload.sub);
        if (!user)
            throw new common_2.AppError('UNAUTHENTICATED', 'The account of this token no longer exists');
        return user;
    }
};
exports.JwtStrategy = JwtStrategy;
exports.JwtStrategy = JwtStrategy = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(exports.JWT_SECRET)),
    __metadata("design:paramtypes", [String, postgresql_1.EntityManager])
], JwtStrategy);
//# sourceMappingURL=jwt.strategy.js.map