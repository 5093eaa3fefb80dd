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
exports.User = exports.PLATFORM_ROLES = void 0;
const node_crypto_1 = require("node:crypto");
const legacy_1 = require("@mikro-orm/decorators/legacy");
exports.PLATFORM_ROLES = ['admin', 'curator', 'moderator', 'user'];
let User = class User {
    id = (0, node_crypto_1.randomUUID)();
    email;
    name;
    /** argon2id hash; never serialised. */
    passwordHash;
    roles = ['user'];
    /** Bumped whenever roles or memberships change, so live sockets can re-check access. */
    accessVersion = 0;
    createdAt = new Date();
    constructor(email, name, passwordHash) {
        this.email = email;
        this.name = name;
        this.passwordHash = passwordHash;
    }
};
exports.User = User;
__decorate([
    (0, legacy_1.PrimaryKey)({ type: 'uuid' }),
    __metadata("design:type", String)
], User.prototype, "id", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text', unique: true }),
    __metadata("design:type", String)
], User.prototype, "email", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text' }),
    __metadata("design:type", String)
], User.prototype, "name", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text', hidden: true, lazy: true }),
    __metadata("design:type", String)
], User.prototype, "passwordHash", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text[]' }),
    __metadata("design:type", Array)
], User.prototype, "roles", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'int' }),
    __metadata("design:type", Number)
], User.prototype, "accessVersion", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], User.prototype, "createdAt", void 0);
exports.User = User = __decorate([
    (0, legacy_1.Entity)({ tableName: 'users' }),
    __metadata("design:paramtypes", [String, String, String])
], User);
//# sourceMappingURL=user.entity.js.map