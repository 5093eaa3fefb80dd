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
exports.Notification = void 0;
const node_crypto_1 = require("node:crypto");
const legacy_1 = require("@mikro-orm/decorators/legacy");
const user_entity_1 = require("./user.entity");
/** One entry of a user's notification feed (reply, mention, stage change, ...). */
let Notification = class Notification {
    id = (0, node_crypto_1.randomUUID)();
    user;
    type;
    payload;
    readAt;
    createdAt = new Date();
    constructor(user, type, payload) {
        this.user = user;
        this.type = type;
        this.payload = payload;
    }
};
exports.Notification = Notification;
__decorate([
    (0, legacy_1.PrimaryKey)({ type: 'uuid' }),
    __metadata("design:type", String)
], Notification.prototype, "id", void 0);
__decorate([
    (0, legacy_1.ManyToOne)(() => user_entity_1.User, { deleteRule: 'cascade' }),
    __metadata("design:type", user_entity_1.User)
], Notification.prototype, "user", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text' }),
    __metadata("design:type", String)
], Notification.prototype, "type", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'jsonb' }),
    __metadata("design:type", Object)
], Notification.prototype, "payload", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], Notification.prototype, "readAt", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], Notification.prototype, "createdAt", void 0);
exports.Notification = Notification = __decorate([
    (0, legacy_1.Entity)({ tableName: 'notifications' }),
    (0, legacy_1.Index)({ properties: ['user', 'createdAt'] }),
    __metadata("design:paramtypes", [user_entity_1.User, String, Object])
], Notification);
//# sourceMappingURL=notification.entity.js.map