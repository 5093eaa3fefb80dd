import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';
import pretty from 'pino-pretty';

/**
 * One logger for the process; secrets are redacted before anything is written. JSON lines for
 * machines; with `format: 'pretty'` (a terminal, see `logFormat` in the config) one readable line
 * per event.
 */
export function createRootLogger(level: string, destination?: DestinationStream, format: 'json' | 'pretty' = 'json'): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Errors are logged by type and message; stacks stay out of the log.
    serializers: { err: (e: Error) => ({ type: e?.name, message: e?.message }) },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.query.token', 'password', 'refreshToken', 'accessToken', 'token'],
      censor: '[redacted]',
    },
  };
  if (format === 'pretty' && !destination) {
    // Synchronous, in this thread: a line is on the terminal before the next one is logged.
    destination = pretty({
      colorize: true,
      singleLine: true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,component,context,req,res,responseTime',
      sync: true,
    });
  }
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Nest's start-up chatter (one line per module and per route) is for debugging, not for the
 * terminal of someone starting the app: these contexts log at `debug`.
 */
const QUIET_CONTEXTS = new Set([
  'RouterExplorer',
  'RoutesResolver',
  'InstanceLoader',
  'NestFactory',
  'NestApplication',
  'WebSocketsController',
]);

/** Nest's logger interface on top of pino, so framework messages are JSON lines too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    if (context && QUIET_CONTEXTS.has(context)) this.logger.debug({ context }, String(message));
    else this.logger.info({ context }, String(message));
  }
  error(message: unknown, _trace?: string, context?: string) {
    // No stack traces in logs (nor in responses): the message and its context say where.
    this.logger.error({ context }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
