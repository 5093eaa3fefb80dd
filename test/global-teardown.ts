import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const held = (globalThis as Record<string, unknown>).__TEST_PG__ as { pg: { stop(): Promise<void> }; dir: string } | undefined;
  if (!held) return;
  await held.pg.stop();
  rmSync(held.dir, { recursive: true, force: true });
}
