"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MIGRATIONS = void 0;
const Migration20261128000000_foundation_1 = require("./Migration20261128000000_foundation");
/**
 * Every migration, in order. Listed explicitly (not globbed) so the same list works from
 * TypeScript in tests and from the compiled build. Feature issues append theirs.
 */
exports.MIGRATIONS = [
    { name: 'Migration20261128000000_foundation', class: Migration20261128000000_foundation_1.Migration20261128000000_foundation },
];
//# sourceMappingURL=index.js.map