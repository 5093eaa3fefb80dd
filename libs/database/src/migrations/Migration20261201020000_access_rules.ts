import { Migration } from '@mikro-orm/migrations';

/**
 * Access rules as SQL functions, so one definition serves single checks, lists, search and
 * set-based filters alike (issue 14 / issue 12 item 4), and the TypeScript cannot drift from it.
 *
 * `can_read_replication`: who reads a replication's private parts (its threads): members of its
 * origin, replicating and facilitator units, and moderators, curators and admins. Mentors read
 * through their membership of the origin or facilitator unit (every mentor is one of those
 * units' members), so leaving the unit ends their access at once; there is no mentor clause to
 * disagree with.
 *
 * `can_list_unit_members`: who lists a unit's members: its own members, members of the units
 * it works with in a replication (origin, replicating, facilitator), curators and admins.
 *
 * Plain `language sql stable` bodies: the planner inlines them into the calling query.
 */
export class Migration20261201020000_access_rules extends Migration {
  override up(): void {
    this.addSql(`create or replace function can_read_replication(p_user uuid, p_replication uuid) returns boolean
      language sql stable as $$
        select exists (select 1 from users u where u.id = p_user and u.roles && array['moderator', 'curator', 'admin']::text[])
            or exists (select 1 from replications r
                         join memberships m on m.user_id = p_user and m.unit_id in (r.origin_unit_id, r.replicating_unit_id, r.facilitator_unit_id)
                        where r.id = p_replication)
      $$;`);
    this.addSql(`create or replace function can_list_unit_members(p_user uuid, p_unit uuid) returns boolean
      language sql stable as $$
        select exists (select 1 from users u where u.id = p_user and u.roles && array['curator', 'admin']::text[])
            or exists (select 1 from memberships m where m.user_id = p_user and m.unit_id = p_unit)
            or exists (select 1 from replications r
                         join memberships m on m.user_id = p_user and m.unit_id in (r.origin_unit_id, r.replicating_unit_id, r.facilitator_unit_id)
                        where p_unit in (r.origin_unit_id, r.replicating_unit_id, r.facilitator_unit_id))
      $$;`);
  }

  override down(): void {
    this.addSql('drop function if exists can_list_unit_members(uuid, uuid);');
    this.addSql('drop function if exists can_read_replication(uuid, uuid);');
  }
}
