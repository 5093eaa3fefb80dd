import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsService } from './metrics.service';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/**
 * Counts every HTTP request when its response finishes, labelled by the matched route template
 * (`/api/threads/:id`), never the raw URL: ids and garbage paths would explode the series count.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const start = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      this.metrics.recordHttp(METHODS.has(req.method) ? req.method : 'OTHER', routeTemplate(req), res.statusCode, seconds);
    });
    next();
  }
}

function routeTemplate(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  // A wildcard "route" is a catch-all (middleware, not-found handler), not an endpoint.
  if (route && typeof route.path === 'string' && !route.path.includes('*')) return `${req.baseUrl ?? ''}${route.path}`;
  return 'unmatched';
}
