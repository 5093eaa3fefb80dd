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
Object.defineProperty(exports, "__esModule", { value: true });
exports.RolesGuard = exports.JwtAuthGuard = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const passport_1 = require("@nestjs/passport");
const common_2 = require("../../common/src/index.js");
const decorators_1 = require("./decorators");
/** Global guard: every route needs a valid access token unless marked @Public(). */
let JwtAuthGuard = class JwtAuthGuard extends (0, passport_1.AuthGuard)('jwt') {
    reflector;
    constructor(reflector) {
        super();
        this.reflector = reflector;
    }
    canActivate(context) {
        if (context.getType() !== 'http')
            return true;
        const isPublic = this.reflector.getAllAndOverride(decorators_1.IS_PUBLIC, [context.getHandler(), context.getClass()]);
        if (isPublic)
            return true;
        return super.canActivate(context);
    }
    handleRequest(err, user, info) {
        if (err instanceof common_2.AppError)
            throw err;
        if (err || !user) {
            const name = info?.name;
            if (name === 'TokenExpiredError')
                throw new common_2.AppError('AUTH_TOKEN_EXPIRED', 'Access token has expired');
            const missing = info?.message === 'No auth token';
            throw new common_2.AppError('UNAUTHENTICATED', missing ? 'Authentication required' : 'Access token is invalid');
        }
        return user;
    }
};
exports.JwtAuthGuard = JwtAuthGuard;
exports.JwtAuthGuard = JwtAuthGuard = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [core_1.Reflector])
], JwtAuthGuard);
/** Global guard enforcing @Roles(...): the caller needs at least one of them. */
let RolesGuard = class RolesGuard {
    reflector;
    constructor(reflector) {
        this.reflector = reflector;
    }
    canActivate(context) {
        if (context.getType() !== 'http')
            return true;
        const roles = this.reflector.getAllAndOverride(decorators_1.REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
        if (!roles?.length)
            return true;
        const user = context.switchToHttp().getRequest().user;
        if (!user)
            throw new common_2.AppError('UNAUTHENTICATED', 'Authentication required');
        if (!roles.some((r) => user.roles.includes(r)))
            throw new common_2.AppError('FORBIDDEN', `Requires one of the roles: ${roles.join(', ')}`);
        return true;
    }
};
exports.RolesGuard = RolesGuard;
exports.RolesGuard = RolesGuard = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [core_1.Reflector])
], RolesGuard);
//# sourceMappingURL=guards.js.map