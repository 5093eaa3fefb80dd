"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var AuthCoreModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.AuthCoreModule = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const jwt_1 = require("@nestjs/jwt");
const passport_1 = require("@nestjs/passport");
const guards_1 = require("./guards");
const jwt_strategy_1 = require("./jwt.strategy");
const token_service_1 = require("./token.service");
/** Token verification shared by HTTP and sockets, plus the global auth and role guards. */
let AuthCoreModule = AuthCoreModule_1 = class AuthCoreModule {
    static forRoot(options) {
        return {
            module: AuthCoreModule_1,
            imports: [
                passport_1.PassportModule,
                jwt_1.JwtModule.register({
                    secret: options.secret,
                    signOptions: { expiresIn: options.accessTokenTtlSeconds, algorithm: 'HS256' },
                }),
            ],
            providers: [
                { provide: jwt_strategy_1.JWT_SECRET, useValue: options.secret },
                jwt_strategy_1.JwtStrategy,
                token_service_1.TokenService,
                { provide: core_1.APP_GUARD, useClass: guards_1.JwtAuthGuard },
                { provide: core_1.APP_GUARD, useClass: guards_1.RolesGuard },
            ],
            exports: [token_service_1.TokenService, jwt_1.JwtModule],
        };
    }
};
exports.AuthCoreModule = AuthCoreModule;
exports.AuthCoreModule = AuthCoreModule = AuthCoreModule_1 = __decorate([
    (0, common_1.Global)(),
    (0, common_1.Module)({})
], AuthCoreModule);
//# sourceMappingURL=auth-core.module.js.map