import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Migration } from '@mikro-orm/migrations';

/** Kemendagri provinces and regencies/cities from the maintained `idn-area-data` package (its CSVs have no quoting). */
export function readRegionData(): { code: string; name: string; province: string; level: 'province' | 'regency' }[] {
  const dir = join(dirname(require.resolve('idn-area-data/package.json')), 'data');
  const rows = (file: string) =>
    readFileSync(join(dir, file), 'utf8')
      .split(/\r?\n/)
      .slice(1)
      .filter((l) => l.trim())
      .map((l) => l.split(','));
  return [
    ...rows('provinces.csv').map(([code, name]) => ({ code, name, province: code, level: 'province' as const })),
    ...rows('regencies.csv').map(([code, province, name]) => ({ code, name, province, level: 'regency' as const })),
  ];
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The catalogue speaks names:
 * - `regions`: Kemendagri provinces and regencies/cities (names for views, facets, statistics;
 *   validation of `regionCode`). A newer `idn-area-data` needs a new migration that upserts.
 * - `innovations.names_text` (origin unit + agency names) and `region_text` (region + province
 *   names), kept by triggers (also when a unit or agency is renamed), and `sector`, all in the
 *   search vector: title and unit names A, tags, sector and region B, summary C, description D.
 * - sectors stored normalised (lower case, single spaces), so the filter matches what people type.
 * - lineage (`replications.source_replication_id`), duplicates (merged innovations keep their row
 *   and point at the one they were linked to; dismissed pairs), source-system ids of agencies/units.
 */
export class Migration20261201030000_catalogue_names extends Migration {
  override up(): void {
    this.addSql(`create table regions (
      code text primary key,
      name text not null,
      province_code text not null,
      level text not null check (level in ('province', 'regency'))
    );`);
    const values = readRegionData().map((r) => `(${lit(r.code)}, ${lit(r.name)}, ${lit(r.province)}, ${lit(r.level)})`);
    this.addSql(`insert into regions (code, name, province_code, level) values ${values.join(',\n')};`);

    this.addSql(
      `update innovations set sector = nullif(lower(regexp_replace(btrim(sector), '\\s+', ' ', 'g')), '') where sector is not null;`,
    );

    this.addSql(`alter table innovations add column names_text text, add column region_text text;`);
    this.addSql(`create or replace function innovations_names() returns trigger language plpgsql as $$
      begin
        new.names_text := (select u.name || ' ' || a.name from units u join agencies a on a.id = u.agency_id where u.id = new.unit_id);
        new.region_text := (select concat_ws(' ', r.name, nullif(p.name, r.name)) from regions r left join regions p on p.code = r.province_code
                             where r.code = new.region_code);
        return new;
      end $$;`);
    this.addSql(`create trigger innovations_names_trg before insert or update of unit_id, region_code, names_text on innovations
      for each row execute function innovations_names();`);
    // A renamed unit or agency (or a unit moved to another agency) refreshes its innovations' names.
    this.addSql(`create or replace function units_renamed() returns trigger language plpgsql as $$
      begin
        update innovations set names_text = null where unit_id = new.id;
        return null;
      end $$;`);
    this.addSql(`create trigger units_renamed_trg after update of name, agency_id on units for each row
      when (old.name is distinct from new.name or old.agency_id is distinct from new.agency_id) execute function units_renamed();`);
    this.addSql(`create or replace function agencies_renamed() returns trigger language plpgsql as $$
      begin
        update innovations set names_text = null where unit_id in (select id from units where agency_id = new.id);
        return null;
      end $$;`);
    this.addSql(`create trigger agencies_renamed_trg after update of name on agencies for each row
      when (old.name is distinct from new.name) execute function agencies_renamed();`);
    this.addSql(`update innovations set names_text = null;`);

    this.addSql(`alter table innovations drop column search_vector;`);
    this.addSql(`alter table innovations add column search_vector tsvector generated always as (
      jippnas_doc(title, 'A') || jippnas_doc(names_text, 'A') || jippnas_doc(jippnas_tags_text(tags), 'B') || jippnas_doc(sector, 'B')
      || jippnas_doc(region_text, 'B') || jippnas_doc(summary, 'C') || jippnas_doc(description, 'D')
    ) stored;`);
    this.addSql(`create index innovations_search_idx on innovations using gin (search_vector);`);
    this.addSql(`insert into innovation_terms(term)
      select distinct l.lexeme from innovations i, unnest(i.search_vector) l where length(l.lexeme) between 3 and 40 on conflict do nothing;`);
    this.addSql(`create index innovations_updated_idx on innovations(updated_at desc);`);

    // Lineage: the replication a replication learned from (same innovation; checked by the service).
    this.addSql(`alter table replications add column source_replication_id uuid references replications(id) on delete set null;`);
    this.addSql(`create index replications_source_idx on replications(source_replication_id) where source_replication_id is not null;`);

    // Duplicates: near-identical titles are found by trigram similarity.
    this.addSql(`create index innovations_title_trgm_idx on innovations using gin (lower(title) gin_trgm_ops);`);
    this.addSql(`alter table innovations add column merged_into_id uuid references innovations(id) on delete set null;`);
    this.addSql(`create index innovations_merged_idx on innovations(merged_into_id) where merged_into_id is not null;`);
    this.addSql(`create table innovation_duplicate_dismissals (
      a_id uuid not null references innovations(id) on delete cascade,
      b_id uuid not null references innovations(id) on delete cascade,
      dismissed_by_id uuid references users(id) on delete set null,
      dismissed_at timestamptz not null default now(),
      primary key (a_id, b_id),
      check (a_id < b_id)
    );`);

    // Ids that the source systems (KIPP, IGA, Innoland) give agencies and units, for imports.
    this.addSql(`create table agency_external_ids (
      source text not null, external_id text not null,
      agency_id uuid not null references agencies(id) on delete cascade,
      primary key (source, external_id)
    );`);
    this.addSql(`create table unit_external_ids (
      source text not null, external_id text not null,
      unit_id uuid not null references units(id) on delete cascade,
      primary key (source, external_id)
    );`);
  }
}
