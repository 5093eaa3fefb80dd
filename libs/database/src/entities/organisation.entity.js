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
exports.Membership = exports.UNIT_ROLES = exports.Unit = exports.Agency = exports.AGENCY_KINDS = void 0;
const node_crypto_1 = require("node:crypto");
const legacy_1 = require("@mikro-orm/decorators/legacy");
const user_entity_1 = require("./user.entity");
exports.AGENCY_KINDS = ['ministry', 'agency', 'province', 'regency', 'city', 'soe', 'other'];
/** An instansi: ministry, agency, province, regency, city or BUMN/BUMD. */
let Agency = class Agency {
    id = (0, node_crypto_1.randomUUID)();
    name;
    kind;
    /** Kemendagri region code, e.g. "33" (Jawa Tengah) or "33.74" (Kota Semarang). */
    regionCode;
    createdAt = new Date();
    constructor(name, kind, regionCode) {
        this.name = name;
        this.kind = kind;
        this.regionCode = regionCode ?? null;
    }
};
exports.Agency = Agency;
__decorate([
    (0, legacy_1.PrimaryKey)({ type: 'uuid' }),
    __metadata("design:type", String)
], Agency.prototype, "id", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text' }),
    __metadata("design:type", String)
], Agency.prototype, "name", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text' }),
    __metadata("design:type", String)
], Agency.prototype, "kind", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], Agency.prototype, "regionCode", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], Agency.prototype, "createdAt", void 0);
exports.Agency = Agency = __decorate([
    (0, legacy_1.Entity)({ tableName: 'agencies' }),
    __metadata("design:paramtypes", [String, String, Object])
], Agency);
/** A unit kerja inside an agency. */
let Unit = class Unit {
    id = (0, node_crypto_1.randomUUID)();
    agency;
    name;
    createdAt = new Date();
    constructor(agency, name) {
        this.agency = agency;
        this.name = name;
    }
};
exports.Unit = Unit;
__decorate([
    (0, legacy_1.PrimaryKey)({ type: 'uuid' }),
    __metadata("design:type", String)
], Unit.prototype, "id", void 0);
__decorate([
    (0, legacy_1.ManyToOne)(() => Agency, { deleteRule: 'cascade' }),
    __metadata("design:type", Agency)
], Unit.prototype, "agency", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text' }),
    __metadata("design:type", String)
], Unit.prototype, "name", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], Unit.prototype, "createdAt", void 0);
exports.Unit = Unit = __decorate([
    (0, legacy_1.Entity)({ tableName: 'units' }),
    __metadata("design:paramtypes", [Agency, String])
], Unit);
exports.UNIT_ROLES = ['admin', 'member'];
let Membership = class Membership {
    id = (0, node_crypto_1.randomUUID)();
    unit;
    user;
    role;
    createdAt = new Date();
    constructor(unit, user, role) {
        this.unit = unit;
        this.user = user;
        this.role = role;
    }
};
exports.Membership = Membership;
__decorate([
    (0, legacy_1.PrimaryKey)({ type: 'uuid' }),
    __metadata("design:type", String)
], Membership.prototype, "id", void 0);
__decorate([
    (0, legacy_1.ManyToOne)(() => Unit, { deleteRule: 'cascade' }),
    __metadata("design:type", Unit)
], Membership.prototype, "unit", void 0);
__decorate([
    (0, legacy_1.ManyToOne)(() => user_entity_1.User, { deleteRule: 'cascade' }),
    __metadata("design:type", user_entity_1.User)
], Membership.prototype, "user", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text' }),
    __metadata("design:type", String)
], Membership.prototype, "role", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], Membership.prototype, "createdAt", void 0);
exports.Membership = Membership = __decorate([
    (0, legacy_1.Entity)({ tableName: 'memberships' }),
    (0, legacy_1.Unique)({ properties: ['unit', 'user'] }),
    __metadata("design:paramtypes", [Unit, user_entity_1.User, String])
], Membership);
//# sourceMappingURL=organisation.entity.js.map