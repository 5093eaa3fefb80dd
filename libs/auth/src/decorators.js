"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CurrentUser = exports.Roles = exports.REQUIRED_ROLES = exports.Public = exports.IS_PUBLIC = void 0;
const common_1 = require("@nestjs/common");
exports.IS_PUBLIC = 'auth:public';
/** The route needs no access token. */
const Public = () => (0, common_1.SetMetadata)(exports.IS_PUBLIC, true);
exports.Public = Public;
exports.REQUIRED_ROLES = 'auth:roles';
/** The caller needs one of these platform roles. */
const Roles = (...roles) => (0, common_1.SetMetadata)(exports.REQUIRED_ROLES, roles);
exports.Roles = Roles;
/** The authenticated caller. */
exports.CurrentUser = (0, common_1.createParamDecorator)((_, ctx) => ctx.switchToHttp().getRequest().user);
//# sourceMappingURL=decorators.js.map