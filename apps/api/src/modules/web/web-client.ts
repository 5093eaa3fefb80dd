import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppError, toErrorBody } from '@app/common';

/** Paths that belong to the server; everything else answers the web client (SPA fallback). */
export const SERVER_PREFIXES = ['/api', '/collab', '/socket.io', '/metrics'];

/**
 * The client's own policy: scripts, styles, images and connections only from this origin
 * (`'self'` covers its ws:/wss: sockets in CSP 3). Inline styles stay allowed because
 * ProseMirror and the collaboration carets set style attributes.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const IMMUTABLE = 'public, max-age=31536000, immutable';

function isServerPath(path: string): boolean {
  return SERVER_PREFIXES.some((p) => path === p || path.startsWith(p + '/'));
}

/** Express would answer these with its own HTML page; the contract's JSON error shape instead. */
function notFound(res: Response): void {
  const body = toErrorBody(new AppError('NOT_FOUND', 'Route not found'));
  res.status(body.statusCode).json(body);
}

/** Server paths that no Nest route or socket handler answers over plain HTTP. */
function isDeadServerPath(path: string): boolean {
  return path === '/collab' || path.startsWith('/collab/') || path.startsWith('/metrics/');
}

/**
 * Where the built client is: `WEB_DIST_DIR`, else `dist/web` beside the compiled server, else
 * under the working directory. A folder counts only with Vite's manifest, so the client's
 * sources (apps/web, whose index.html points at .tsx files) are never served by mistake.
 */
export function findWebDist(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env.WEB_DIST_DIR, resolve(__dirname, '../../../../web'), resolve(process.cwd(), 'dist/web')].filter(
    (d): d is string => !!d,
  );
  return candidates.find((d) => existsSync(join(d, 'index.html')) && existsSync(join(d, '.vite/manifest.json'))) ?? null;
}

/**
 * Serves the built web client: hashed files under /assets/ cached for a year, other files for an
 * hour, and index.html (never cached) for every other GET outside the server's prefixes, so
 * deep links like /inovasi/:id work. Unknown /api/* paths still reach Nest and its JSON 404.
 */
export function mountWebClient(app: { use: (...handlers: unknown[]) => unknown }, logger: Logger, dir = findWebDist()): boolean {
  if (!dir) {
    logger.warn('web client not built (run `npm run build`): only the API is served');
    return false;
  }
  const indexHtml = readFileSync(join(dir, 'index.html'));
  const statics = express.static(dir, {
    index: false,
    redirect: false,
    dotfiles: 'ignore',
    setHeaders: (res, path) => {
      res.setHeader('Cache-Control', path.includes(`${join(dir, 'assets')}`) ? IMMUTABLE : 'public, max-age=3600');
      res.setHeader('Content-Security-Policy', WEB_CSP);
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (isDeadServerPath(req.path)) return notFound(res);
    if (isServerPath(req.path)) return next();
    if (req.method !== 'GET' && req.method !== 'HEAD') return notFound(res);
    statics(req, res, () => {
      // A missing hashed file is a 404, never the page (a stale tab would parse HTML as JS).
      if (req.path.startsWith('/assets/') || req.path === '/favicon.svg') return notFound(res);
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('Content-Security-Policy', WEB_CSP);
      res.status(200).end(req.method === 'HEAD' ? undefined : indexHtml);
    });
  });
  logger.info({ dir }, 'web client served at /');
  return true;
}
