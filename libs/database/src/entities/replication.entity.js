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
exports.ReplicationTransition = exports.Replication = exports.REPLICATION_MODELS = exports.REPLICATION_STAGES = void 0;
const node_crypto_1 = require("node:crypto");
const legacy_1 = require("@mikro-orm/decorators/legacy");
const innovation_entity_1 = require("./innovation.entity");
const organisation_entity_1 = require("./organisation.entity");
const user_entity_1 = require("./user.entity");
exports.REPLICATION_STAGES = [
    'PROPOSED',
    'AGREED',
    'PREPARING',
    'PLANNING',
    'IMPLEMENTING',
    'EVALUATING',
    'INSTITUTIONALIZED',
    'DECLINED',
    'WITHDRAWN',
    'STALLED',
    'DISCONTINUED',
];
/** mandiri / kerja sama / fasilitasi */
exports.REPLICATION_MODELS = ['mandiri', 'kerja_sama', 'fasilitasi'];
/** A replicating unit adopting an innovation; the origin unit is always credited. */
let Replication = class Replication {
    id = (0, node_crypto_1.randomUUID)();
    innovation;
    originUnit;
    replicatingUnit;
    facilitatorUnit;
    model = 'mandiri';
    stage = 'PROPOSED';
    createdBy;
    createdAt = new Date();
    updatedAt = new Date();
    constructor(innovation, originUnit, replicatingUnit) {
        this.innovation = innovation;
        this.originUnit = originUnit;
        this.replicatingUnit = replicatingUnit;
    }
};
exports.Replication = Replication;
__decorate([
    (0, legacy_1.PrimaryKey)({ type: 'uuid' }),
    __metadata("design:type", String)
], Replication.prototype, "id", void 0);
__decorate([
    (0, legacy_1.Index)(),
    (0, legacy_1.ManyToOne)(() => innovation_entity_1.Innovation, { deleteRule: 'cascade' }),
    __metadata("design:type", innovation_entity_1.Innovation)
], Replication.prototype, "innovation", void 0);
__decorate([
    (0, legacy_1.ManyToOne)(() => organisation_entity_1.Unit),
    __metadata("design:type", organisation_entity_1.Unit)
], Replication.prototype, "originUnit", void 0);
__decorate([
    (0, legacy_1.Index)(),
    (0, legacy_1.ManyToOne)(() => organisation_entity_1.Unit),
    __metadata("design:type", organisation_entity_1.Unit)
], Replication.prototype, "replicatingUnit", void 0);
__decorate([
    (0, legacy_1.ManyToOne)(() => organisation_entity_1.Unit, { nullable: true }),
    __metadata("design:type", Object)
], Replication.prototype, "facilitatorUnit", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text' }),
    __metadata("design:type", String)
], Replication.prototype, "model", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text' }),
    __metadata("design:type", String)
], Replication.prototype, "stage", void 0);
__decorate([
    (0, legacy_1.ManyToOne)(() => user_entity_1.User, { nullable: true, deleteRule: 'set null' }),
    __metadata("design:type", Object)
], Replication.prototype, "createdBy", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], Replication.prototype, "createdAt", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'timestamptz', onUpdate: () => new Date() }),
    __metadata("design:type", Date)
], Replication.prototype, "updatedAt", void 0);
exports.Replication = Replication = __decorate([
    (0, legacy_1.Entity)({ tableName: 'replications' }),
    __metadata("design:paramtypes", [innovation_entity_1.Innovation, organisation_entity_1.Unit, organisation_entity_1.Unit])
], Replication);
/** One recorded move of a replication's stage: who, when, why. */
let ReplicationTransition = class ReplicationTransition {
    id = (0, node_crypto_1.randomUUID)();
    replication;
    fromStage;
    toStage;
    actor;
    note;
    at = new Date();
    constructor(replication, fromStage, toStage, actor, note) {
        this.replication = replication;
        this.fromStage = fromStage;
        this.toStage = toStage;
        this.actor = actor;
        this.note = note ?? null;
    }
};
exports.ReplicationTransition = ReplicationTransition;
__decorate([
    (0, legacy_1.PrimaryKey)({ type: 'uuid' }),
    __metadata("design:type", String)
], ReplicationTransition.prototype, "id", void 0);
__decorate([
    (0, legacy_1.Index)(),
    (0, legacy_1.ManyToOne)(() => Replication, { deleteRule: 'cascade' }),
    __metadata("design:type", Replication)
], ReplicationTransition.prototype, "replication", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], ReplicationTransition.prototype, "fromStage", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text' }),
    __metadata("design:type", String)
], ReplicationTransition.prototype, "toStage", void 0);
__decorate([
    (0, legacy_1.ManyToOne)(() => user_entity_1.User, { nullable: true, deleteRule: 'set null' }),
    __metadata("design:type", Object)
], ReplicationTransition.prototype, "actor", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], ReplicationTransition.prototype, "note", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], ReplicationTransition.prototype, "at", void 0);
exports.ReplicationTransition = ReplicationTransition = __decorate([
    (0, legacy_1.Entity)({ tableName: 'replication_transitions' }),
    __metadata("design:paramtypes", [Replication, Object, String, Object, Object])
], ReplicationTransition);
//# sourceMappingURL=replication.entity.js.map