import { Migration } from '@mikro-orm/migrations';

/**
 * The names trigger (catalogue_names) ran on every update that listed `region_code` in its SET,
 * changed or not — so each row of an import that updates existing innovations paid for it twice
 * (before insert for the proposed row, then before update). Measured apart
 * (`test/bench/import-cost.bench.js`, docs/performance.md) it was ~20 % of the database's CPU for
 * such an import. On update it now runs only when what it derives from may have changed: the
 * unit, the region, or `names_text` itself (set to null by a unit or agency rename, or written
 * by hand, which the trigger overrides as before).
 */
export class Migration20261201061600_names_trigger_on_change extends Migration {
  override up(): void {
    this.addSql(`drop trigger innovations_names_trg on innovations;`);
    this.addSql(`create trigger innovations_names_ins before insert on innovations for each row execute function innovations_names();`);
    this.addSql(`create trigger innovations_names_trg before update of unit_id, region_code, names_text on innovations for each row
      when (old.unit_id is distinct from new.unit_id or old.region_code is distinct from new.region_code
            or old.names_text is distinct from new.names_text or new.names_text is null)
      execute function innovations_names();`);
  }
}
