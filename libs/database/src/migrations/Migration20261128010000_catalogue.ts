import { Migration } from '@mikro-orm/migrations';

/**
 * Catalogue search and the replication registry's integrity:
 * - text search configurations `jippnas` (unaccent + Indonesian Snowball stem) and
 *   `jippnas_simple` (unaccent only). The vector holds both: stems give recall over affixes
 *   (pelayanan/layanan → layan), exact words keep precision where the stemmer over-cuts.
 * - `innovations.search_vector`: generated, weighted title A, tags B, summary C, description D.
 * - `innovation_terms`: the catalogue's vocabulary with a trigram index, so a misspelt query
 *   word (kesehtan) is corrected to the nearest real words (kesehatan) before matching.
 * - facet indexes, the natural key for imports, one active replication per unit and innovation.
 */
export class Migration20261128010000_catalogue extends Migration {
  override up(): void {
    // unaccent() is only STABLE (it looks up its dictionary by search_path); pinning the
    // dictionary makes it safe to declare IMMUTABLE for generated columns and indexes.
    this.addSql(`create or replace function jippnas_unaccent(text) returns text
      language sql immutable parallel safe strict
      as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;`);
    this.addSql(`create or replace function jippnas_tags_text(text[]) returns text
      language sql immutable parallel safe
      as $$ select coalesce(array_to_string($1, ' '), '') $$;`);

    this.addSql(`create text search configuration public.jippnas (copy = pg_catalog.simple);`);
    this.addSql(`alter text search configuration public.jippnas
      alter mapping for asciiword, asciihword, hword_asciipart, word, hword, hword_part with public.unaccent, indonesian_stem;`);
    this.addSql(`create text search configuration public.jippnas_simple (copy = pg_catalog.simple);`);
    this.addSql(`alter text search configuration public.jippnas_simple
      alter mapping for asciiword, asciihword, hword_asciipart, word, hword, hword_part with public.unaccent, simple;`);

    // One document per field, stemmed and exact, weighted.
    this.addSql(`create or replace function jippnas_doc(text, "char") returns tsvector
      language sql immutable parallel safe
      as $$ select setweight(to_tsvector('public.jippnas'::regconfig, coalesce($1, '')) || to_tsvector('public.jippnas_simple'::regconfig, coalesce($1, '')), $2) $$;`);
    this.addSql(`alter table innovations add column search_vector tsvector generated always as (
      jippnas_doc(title, 'A') || jippnas_doc(jippnas_tags_text(tags), 'B') || jippnas_doc(summary, 'C') || jippnas_doc(description, 'D')
    ) stored;`);
    this.addSql(`create index innovations_search_idx on innovations using gin (search_vector);`);

    // AND / OR over many per-word queries.
    this.addSql(`create aggregate tsquery_and_agg(tsquery) (sfunc = tsquery_and, stype = tsquery);`);
    this.addSql(`create aggregate tsquery_or_agg(tsquery) (sfunc = tsquery_or, stype = tsquery);`);

    // Vocabulary for typo correction; maintained per statement, so a bulk import costs one pass.
    this.addSql(`create table innovation_terms (term text primary key);`);
    this.addSql(`create index innovation_terms_trgm_idx on innovation_terms using gist (term gist_trgm_ops);`);
    this.addSql(`create or replace function innovation_terms_collect() returns trigger language plpgsql as $$
      begin
        -- The lexemes of the stored vector (exact words and stems): no second parse of the text.
        insert into innovation_terms(term)
          select distinct l.lexeme from new_rows r, unnest(r.search_vector) l where length(l.lexeme) between 3 and 40
          on conflict do nothing;
        return null;
      end $$;`);
    this.addSql(`create trigger innovation_terms_ins after insert on innovations referencing new table as new_rows
      for each statement execute function innovation_terms_collect();`);
    this.addSql(`create trigger innovation_terms_upd after update on innovations referencing new table as new_rows
      for each statement execute function innovation_terms_collect();`);

    // Filters and facets.
    this.addSql(`create index innovations_source_year_idx on innovations(source, year);`);
    this.addSql(`create index innovations_year_idx on innovations(year);`);
    this.addSql(`create index innovations_region_idx on innovations(region_code text_pattern_ops);`);
    this.addSql(`create index innovations_sector_idx on innovations(sector);`);
    this.addSql(`create index innovations_stage_idx on innovations(stage);`);
    this.addSql(`create index innovations_sdgs_idx on innovations using gin (sdgs);`);
    this.addSql(`create index innovations_replication_count_idx on innovations(replication_count desc, year desc);`);

    // Demo rows are marked, so they can be told apart (and removed) later.
    this.addSql(`alter table innovations add column demo boolean not null default false;`);
    // Natural key for imports without an external id: title (case-insensitive) + unit + year.
    this.addSql(
      `create unique index innovations_natural_uidx on innovations (lower(btrim(title)), unit_id, year) where external_id is null;`,
    );

    // A unit replicates an innovation at most once at a time; declined/withdrawn/discontinued free it.
    this.addSql(`create unique index replications_active_uidx on replications (innovation_id, replicating_unit_id)
      where stage not in ('DECLINED', 'WITHDRAWN', 'DISCONTINUED');`);
    this.addSql(`alter table replications add constraint replications_stage_chk check (stage in
      ('PROPOSED','AGREED','PREPARING','PLANNING','IMPLEMENTING','EVALUATING','INSTITUTIONALIZED','DECLINED','WITHDRAWN','STALLED','DISCONTINUED'));`);
    this.addSql(`alter table replications add constraint replications_model_chk check (model in ('mandiri','kerja_sama','fasilitasi'));`);
    this.addSql(`create index replications_stage_idx on replications(stage);`);
    this.addSql(
      `create index replications_facilitator_unit_idx on replications(facilitator_unit_id) where facilitator_unit_id is not null;`,
    );
  }
}
