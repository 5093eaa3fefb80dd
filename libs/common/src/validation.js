"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createValidationPipe = createValidationPipe;
const common_1 = require("@nestjs/common");
const errors_1 = require("./errors");
function flatten(errors, parent = '') {
    return errors.flatMap((e) => {
        const field = parent ? `${parent}.${e.property}` : e.property;
        const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
        return [...own, ...flatten(e.children ?? [], field)];
    });
}
/** The global pipe: strict DTOs, unknown properties rejected, errors in the catalogue's shape. */
function createValidationPipe() {
    return new common_1.ValidationPipe({
        whitelist: true,
        forbidNonWhitelisted: true,
        transform: true,
        transformOptions: { enableImplicitConversion: false },
        forbidUnknownValues: true,
        stopAtFirstError: false,
        exceptionFactory: (errors) => {
            const details = flatten(errors);
            const message = details.length
                ? details.map((d) => `${d.field}: ${d.problems.join(', ')}`).join('; ')
                : 'Request body must be a JSON object';
            return new errors_1.AppError('VALIDATION_FAILED', message, details);
        },
    });
}
//# sourceMappingURL=validation.js.map