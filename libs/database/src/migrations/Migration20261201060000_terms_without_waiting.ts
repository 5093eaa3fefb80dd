import { Migration } from '@mikro-orm/migrations';

/**
 * The typo-correction vocabulary never makes an innovation write wait. Two transactions adding
 * the same new word used to queue on its primary key, and with two such words in opposite order
 * PostgreSQL aborted one of them (deadlock): parallel creates in a fresh catalogue failed.
 * Now each new word is claimed with a transaction-scoped try-lock; a word another open
 * transaction is adding is left to that one. If that one rolls back, the word comes back the next
 * time a row carrying it is written: the vocabulary only suggests spellings, it is not the index.
 */
export class Migration20261201060000_terms_without_waiting extends Migration {
  override up(): void {
    this.addSql(`create or replace function innovation_terms_collect() returns trigger language plpgsql as $$
      begin
        insert into innovation_terms(term)
          select w.term from (
            select distinct l.lexeme as term from new_rows r, unnest(r.search_vector) l
             where length(l.lexeme) between 3 and 40
          ) w
          where not exists (select 1 from innovation_terms t where t.term = w.term)
            and pg_try_advisory_xact_lock(hashtextextended('term:' || w.term, 0))
          order by w.term
          on conflict do nothing;
        return null;
      end $$;`);
  }
}
