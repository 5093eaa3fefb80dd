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
exports.TokenService = void 0;
exports.tokenError = tokenError;
exports.loadAuthUser = loadAuthUser;
const common_1 = require("@nestjs/common");
const jwt_1 = require("@nestjs/jwt");
const postgresql_1 = require("@mikro-orm/postgresql");
const common_2 = require("../../common/src/index.js");
const database_1 = require("../../database/src/index.js");
/**
 * Signs and verifies access tokens. The same verifier serves HTTP (passport), socket.io and
 * the collaboration socket, so a token means the same thing everywhere.
 */
let TokenService = class TokenService {
    jwt;
    em;
    constructor(jwt, em) {
        this.jwt = jwt;
        this.em = em;
    }
    signAccessToken(userId) {
        const payload = { sub: userId, typ: 'access' };
        return this.jwt.sign(payload);
    }
    /** Checks signature, type and expiry; no database access. */
    check(token) {
        if (!token || typeof token !== 'string')
            return { ok: false, reason: 'missing' };
        try {
            const payload = this.jwt.verify(token, { algorithms: ['HS256'] });
            if (payload.typ !== 'access' || typeof payload.sub !== 'string')
                return { ok: false, reason: 'invalid' };
            return { ok: true, userId: payload.sub, expiresAt: (payload.exp ?? 0) * 1000 };
        }
        catch (error) {
            return { ok: false, reason: error?.name === 'TokenExpiredError' ? 'expired' : 'invalid' };
        }
    }
    /** Verifies a token and loads its user (outside HTTP: uses its own EntityManager fork). */
    async authenticate(token) {
        const checked = this.check(token);
        if (!checked.ok)
            throw tokenError(checked.reason);
        const user = await loadAuthUser(this.em.fork(), checked.userId);
        if (!user)
            throw new common_2.AppError('UNAUTHENTICATED', 'The account of this token no longer exists');
        return { user, expiresAt: checked.expiresAt };
    }
};
exports.TokenService = TokenService;
exports.TokenService = TokenService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [jwt_1.JwtService,
        postgresql_1.EntityManager])
], TokenService);
function tokenError(reason) {
    if (reason === 'expired')
        return new common_2.AppError('AUTH_TOKEN_EXPIRED', 'Access token has expired');
    if (reason === 'missing')
        return new common_2.AppError('UNAUTHENTICATED', 'Authentication required');
    return new common_2.AppError('UNAUTHENTICATED', 'Access token is invalid');
}
async function loadAuthUser(em, id) {
    const user = await em.findOne(database_1.User, { id }, { fields: ['id', 'email', 'name', 'roles'] });
    return user ? { id: user.id, email: user.email, name: user.name, roles: user.roles } : null;
}
//# sourceMappingURL=token.service.js.map