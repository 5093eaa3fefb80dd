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
exports.RefreshToken = void 0;
const node_crypto_1 = require("node:crypto");
const legacy_1 = require("@mikro-orm/decorators/legacy");
const user_entity_1 = require("./user.entity");
/**
 * One refresh token. Tokens of one sign-in share a family: presenting a token that was
 * already used revokes the whole family (someone copied it).
 */
let RefreshToken = class RefreshToken {
    id = (0, node_crypto_1.randomUUID)();
    user;
    familyId;
    /** sha256 of the secret part; the secret itself is never stored. */
    secretHash;
    expiresAt;
    usedAt;
    revokedAt;
    createdAt = new Date();
    constructor(user, familyId, secretHash, expiresAt) {
        this.user = user;
        this.familyId = familyId;
        this.secretHash = secretHash;
        this.expiresAt = expiresAt;
    }
};
exports.RefreshToken = RefreshToken;
__decorate([
    (0, legacy_1.PrimaryKey)({ type: 'uuid' }),
    __metadata("design:type", String)
], RefreshToken.prototype, "id", void 0);
__decorate([
    (0, legacy_1.ManyToOne)(() => user_entity_1.User, { deleteRule: 'cascade' }),
    __metadata("design:type", user_entity_1.User)
], RefreshToken.prototype, "user", void 0);
__decorate([
    (0, legacy_1.Index)(),
    (0, legacy_1.Property)({ type: 'uuid' }),
    __metadata("design:type", String)
], RefreshToken.prototype, "familyId", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text', hidden: true }),
    __metadata("design:type", String)
], RefreshToken.prototype, "secretHash", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], RefreshToken.prototype, "expiresAt", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], RefreshToken.prototype, "usedAt", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], RefreshToken.prototype, "revokedAt", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], RefreshToken.prototype, "createdAt", void 0);
exports.RefreshToken = RefreshToken = __decorate([
    (0, legacy_1.Entity)({ tableName: 'refresh_tokens' }),
    __metadata("design:paramtypes", [user_entity_1.User, String, String, Date])
], RefreshToken);
//# sourceMappingURL=refresh-token.entity.js.map