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
exports.Innovation = exports.SUSTAINABILITY_STATUSES = exports.INNOVATION_STAGES = exports.INNOVATION_SOURCES = void 0;
const node_crypto_1 = require("node:crypto");
const legacy_1 = require("@mikro-orm/decorators/legacy");
const organisation_entity_1 = require("./organisation.entity");
const user_entity_1 = require("./user.entity");
exports.INNOVATION_SOURCES = ['KIPP', 'IGA', 'INNOLAND', 'OTHER'];
/** inisiatif / uji coba / penerapan */
exports.INNOVATION_STAGES = ['inisiatif', 'uji_coba', 'penerapan'];
/** berlanjut / berkembang / vakum / berhenti */
exports.SUSTAINABILITY_STATUSES = ['berlanjut', 'berkembang', 'vakum', 'berhenti'];
/**
 * A public-service innovation of an origin unit. The full-text vector (`search_vector`) is a
 * generated column maintained by PostgreSQL and is deliberately not mapped here.
 */
let Innovation = class Innovation {
    id = (0, node_crypto_1.randomUUID)();
    title;
    summary;
    description;
    unit;
    regionCode;
    year;
    source;
    /** Id in the source system (KIPP / IGA / Innoland), the natural key for imports. */
    externalId;
    award;
    /** urusan pemerintahan */
    sector;
    digital = false;
    sdgs = [];
    tags = [];
    stage;
    sustainability;
    replicationCount = 0;
    createdBy;
    createdAt = new Date();
    updatedAt = new Date();
    constructor(init) {
        this.title = init.title;
        this.summary = init.summary;
        this.unit = init.unit;
        this.year = init.year;
        this.source = init.source;
    }
};
exports.Innovation = Innovation;
__decorate([
    (0, legacy_1.PrimaryKey)({ type: 'uuid' }),
    __metadata("design:type", String)
], Innovation.prototype, "id", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text' }),
    __metadata("design:type", String)
], Innovation.prototype, "title", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text' }),
    __metadata("design:type", String)
], Innovation.prototype, "summary", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], Innovation.prototype, "description", void 0);
__decorate([
    (0, legacy_1.ManyToOne)(() => organisation_entity_1.Unit),
    __metadata("design:type", organisation_entity_1.Unit)
], Innovation.prototype, "unit", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], Innovation.prototype, "regionCode", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'int' }),
    __metadata("design:type", Number)
], Innovation.prototype, "year", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text' }),
    __metadata("design:type", String)
], Innovation.prototype, "source", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], Innovation.prototype, "externalId", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], Innovation.prototype, "award", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], Innovation.prototype, "sector", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'boolean' }),
    __metadata("design:type", Boolean)
], Innovation.prototype, "digital", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'int[]' }),
    __metadata("design:type", Array)
], Innovation.prototype, "sdgs", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text[]' }),
    __metadata("design:type", Array)
], Innovation.prototype, "tags", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], Innovation.prototype, "stage", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], Innovation.prototype, "sustainability", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'int' }),
    __metadata("design:type", Number)
], Innovation.prototype, "replicationCount", void 0);
__decorate([
    (0, legacy_1.ManyToOne)(() => user_entity_1.User, { nullable: true, deleteRule: 'set null' }),
    __metadata("design:type", Object)
], Innovation.prototype, "createdBy", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], Innovation.prototype, "createdAt", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'timestamptz', onUpdate: () => new Date() }),
    __metadata("design:type", Date)
], Innovation.prototype, "updatedAt", void 0);
exports.Innovation = Innovation = __decorate([
    (0, legacy_1.Entity)({ tableName: 'innovations' }),
    __metadata("design:paramtypes", [Object])
], Innovation);
//# sourceMappingURL=innovation.entity.js.map