import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CHECKLIST_STAGES, GUIDE } from './checklist-guide';

const GUIDE_JSON = JSON.stringify(GUIDE.map((g, i) => ({ key: g.key, stage: g.stage, title: g.title, evidence: g.evidence, position: i })));

/**
 * Gives each replication its checklist from LAN's guide the first time anyone looks at it or
 * moves it: replications that existed before checklists (demo data, imports) get theirs too.
 * The `checklist_seeds` marker is claimed with `on conflict do nothing`, so concurrent readers
 * and several nodes seed once, and an item the team deleted never comes back.
 */
@Injectable()
export class ChecklistSeeder {
  /** Seeds every replication in `ids` that has not been seeded; runs in `em`'s transaction if any. */
  async ensure(em: EntityManager, ids: string[]): Promise<void> {
    if (!ids.length) return;
    await em.execute(
      `with fresh as (
         insert into checklist_seeds (replication_id)
         select id from unnest(string_to_array(?, ',')::uuid[]) as id
         on conflict do nothing returning replication_id)
       insert into checklist_items (id, replication_id, stage, title, required, evidence_required, position, seed_key)
       select gen_random_uuid(), f.replication_id, g.stage, g.title, false, g.evidence, g.position, g.key
         from fresh f cross join jsonb_to_recordset(?::jsonb) as g(key text, stage text, title text, evidence boolean, position int)`,
      [ids.join(','), GUIDE_JSON],
    );
  }
}

/** Sorts stage names in guide order (for grouping). */
export const stageOrder = (stage: string) => CHECKLIST_STAGES.indexOf(stage as never);
