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
exports.Playbook = exports.PLAYBOOK_VISIBILITIES = void 0;
const node_crypto_1 = require("node:crypto");
const legacy_1 = require("@mikro-orm/decorators/legacy");
const innovation_entity_1 = require("./innovation.entity");
const replication_entity_1 = require("./replication.entity");
exports.PLAYBOOK_VISIBILITIES = ['team', 'public'];
/**
 * The record of a playbook. Either a replication's playbook (replication set) or an
 * innovation's template (innovation set, replication null). Its Yjs content lives in the
 * playbook update log and snapshots, owned by the playbooks module.
 */
let Playbook = class Playbook {
    id = (0, node_crypto_1.randomUUID)();
    replication;
    /** Set for an innovation's template playbook. */
    templateFor;
    title;
    visibility = 'team';
    /** Plain text of the content, refreshed on store, for search. */
    plainText = '';
    createdAt = new Date();
    updatedAt = new Date();
    constructor(title) {
        this.title = title;
    }
};
exports.Playbook = Playbook;
__decorate([
    (0, legacy_1.PrimaryKey)({ type: 'uuid' }),
    __metadata("design:type", String)
], Playbook.prototype, "id", void 0);
__decorate([
    (0, legacy_1.ManyToOne)(() => replication_entity_1.Replication, { nullable: true, deleteRule: 'cascade', unique: true }),
    __metadata("design:type", Object)
], Playbook.prototype, "replication", void 0);
__decorate([
    (0, legacy_1.ManyToOne)(() => innovation_entity_1.Innovation, { nullable: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], Playbook.prototype, "templateFor", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text' }),
    __metadata("design:type", String)
], Playbook.prototype, "title", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text' }),
    __metadata("design:type", String)
], Playbook.prototype, "visibility", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'text', lazy: true }),
    __metadata("design:type", String)
], Playbook.prototype, "plainText", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], Playbook.prototype, "createdAt", void 0);
__decorate([
    (0, legacy_1.Property)({ type: 'timestamptz', onUpdate: () => new Date() }),
    __metadata("design:type", Date)
], Playbook.prototype, "updatedAt", void 0);
exports.Playbook = Playbook = __decorate([
    (0, legacy_1.Entity)({ tableName: 'playbooks' }),
    __metadata("design:paramtypes", [String])
], Playbook);
//# sourceMappingURL=playbook.entity.js.map