import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorResponse } from '@app/common';
import { API_DESCRIPTION } from './openapi-description';

type Operation = {
  security?: Record<string, string[]>[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, { description?: string; content?: Record<string, unknown> }>;
  'x-public'?: boolean;
  'x-roles'?: string[];
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;
const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } };

/** The OpenAPI document of the running app, with security and the errors every operation shares. */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('JIPPNas Kolaborasi API')
    .setDescription(API_DESCRIPTION)
    .setVersion('1.0')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorResponse] });
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (op) finishOperation(op);
    }
  }
  return document;
}

/** Public operations without a lock, the rest with one; the shared error responses. */
function finishOperation(op: Operation): void {
  const add = (status: number, description: string) => {
    const existing = op.responses[status];
    if (!existing) op.responses[status] = { description, content: errorContent };
    else if (existing.description && !existing.description.includes(description)) existing.description += `, ${description}`;
  };
  if (op['x-public']) {
    op.security = [];
  } else {
    op.security = [{ bearer: [] }];
    add(401, '`UNAUTHENTICATED`, `AUTH_TOKEN_EXPIRED`');
  }
  if (op['x-roles']) add(403, `\`FORBIDDEN\` (needs role ${op['x-roles'].join(' or ')})`);
  if (op.parameters?.length || op.requestBody) add(400, '`VALIDATION_FAILED`');
  // Every error answers the one JSON error shape, whatever the success media type (calendar,
  // metrics) or a library's own schema (terminus' 503) says.
  for (const [status, response] of Object.entries(op.responses)) {
    if (/^[45]\d\d$/.test(status)) response.content = errorContent;
  }
  delete op['x-public'];
}

/**
 * DTO classes that share a name: swagger keeps one schema per name, so the other's fields would
 * be documented wrongly ("Duplicate DTO detected"). Walks every controller's parameter and
 * response types and their nested property types.
 */
export function schemaNameCollisions(app: INestApplication): string[] {
  const byName = new Map<string, Set<unknown>>();
  const seen = new Set<unknown>();
  const visit = (type: unknown): void => {
    if (Array.isArray(type)) return type.forEach(visit);
    if (typeof type !== 'function' || seen.has(type) || isBuiltin(type)) return;
    seen.add(type);
    const name = (Reflect.getMetadata('swagger/apiSchema', type)?.at?.(-1)?.name as string | undefined) ?? type.name;
    if (!byName.has(name)) byName.set(name, new Set());
    byName.get(name)!.add(type);
    const props: string[] = Reflect.getMetadata('swagger/apiModelPropertiesArray', type.prototype) ?? [];
    for (const key of props) {
      const meta = Reflect.getMetadata('swagger/apiModelProperties', type.prototype, key.replace(/^:/, ''));
      const t = meta?.type;
      visit(typeof t === 'function' && !isBuiltin(t) && t.length === 0 && !t.prototype ? t() : t);
      if (meta?.items?.type) visit(meta.items.type);
    }
  };
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const proto = (wrapper.metatype as { prototype?: Record<string, unknown> } | undefined)?.prototype;
      if (!proto) continue;
      for (const key of Object.getOwnPropertyNames(proto)) {
        if (key === 'constructor' || typeof proto[key] !== 'function') continue;
        const handler = proto[key] as object;
        for (const p of Reflect.getMetadata('design:paramtypes', proto, key) ?? []) visit(p);
        const responses = Reflect.getMetadata('swagger/apiResponse', handler) ?? {};
        for (const r of Object.values(responses) as { type?: unknown }[]) visit(r.type);
      }
    }
  }
  return [...byName].filter(([, types]) => types.size > 1).map(([name]) => name);
}

function isBuiltin(type: unknown): boolean {
  return [String, Number, Boolean, Object, Array, Date, Function, Promise, Buffer].includes(type as never);
}
