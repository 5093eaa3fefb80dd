"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ENTITIES = void 0;
const notification_entity_1 = require("./notification.entity");
const organisation_entity_1 = require("./organisation.entity");
const innovation_entity_1 = require("./innovation.entity");
const playbook_entity_1 = require("./playbook.entity");
const refresh_token_entity_1 = require("./refresh-token.entity");
const replication_entity_1 = require("./replication.entity");
const user_entity_1 = require("./user.entity");
__exportStar(require("./innovation.entity"), exports);
__exportStar(require("./notification.entity"), exports);
__exportStar(require("./organisation.entity"), exports);
__exportStar(require("./playbook.entity"), exports);
__exportStar(require("./refresh-token.entity"), exports);
__exportStar(require("./replication.entity"), exports);
__exportStar(require("./user.entity"), exports);
/** Every entity of the application. Feature issues add theirs here. */
exports.ENTITIES = [
    user_entity_1.User,
    refresh_token_entity_1.RefreshToken,
    organisation_entity_1.Agency,
    organisation_entity_1.Unit,
    organisation_entity_1.Membership,
    innovation_entity_1.Innovation,
    replication_entity_1.Replication,
    replication_entity_1.ReplicationTransition,
    playbook_entity_1.Playbook,
    notification_entity_1.Notification,
];
//# sourceMappingURL=index.js.map