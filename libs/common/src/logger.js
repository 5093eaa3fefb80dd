"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.PinoNestLogger = void 0;
exports.createRootLogger = createRootLogger;
const pino_1 = __importDefault(require("pino"));
/** One structured JSON logger for the process; secrets are redacted before anything is written. */
function createRootLogger(level) {
    return (0, pino_1.default)({
        level,
        base: { pid: process.pid },
        timestamp: pino_1.default.stdTimeFunctions.isoTime,
        redact: {
            paths: ['req.headers.authorization', 'req.headers.cookie', 'req.query.token', 'password', 'refreshToken', 'accessToken', 'token'],
            censor: '[redacted]',
        },
    });
}
/** Nest's logger interface on top of pino, so framework messages are JSON lines too. */
class PinoNestLogger {
    logger;
    constructor(logger) {
        this.logger = logger;
    }
    log(message, context) {
        this.logger.info({ context }, String(message));
    }
    error(message, trace, context) {
        // Stacks go to the log only, never to a response.
        this.logger.error({ context, trace }, String(message));
    }
    warn(message, context) {
        this.logger.warn({ context }, String(message));
    }
    debug(message, context) {
        this.logger.debug({ context }, String(message));
    }
    verbose(message, context) {
        this.logger.trace({ context }, String(message));
    }
}
exports.PinoNestLogger = PinoNestLogger;
//# sourceMappingURL=logger.js.map