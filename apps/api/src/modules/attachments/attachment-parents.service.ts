import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { forbidden, notFound } from '@app/common';
import { ThreadAccess } from '../discussions';
import { MentorshipContextService } from '../mentoring';
import { AccessService } from '../organisations';
import { PlaybookAccess } from '../playbooks';

export const PARENT_TYPES = ['replication', 'innovation', 'post', 'playbook', 'session', 'user'] as const;
export type ParentType = (typeof PARENT_TYPES)[number];

/** What an attachment hangs off. Sessions are addressed through their mentorship. */
export interface ParentRef {
  type: ParentType;
  id: string;
  mentorshipId?: string;
}

export type ParentAccess = 'read' | 'edit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who may read or add an attachment is who may read or edit its parent, answered by the
 * parent's own access rules (threads, playbooks, mentorships) so the two never drift apart:
 * - replication: read by anyone signed in (like GET /api/replications/:id); edited by members of
 *   its origin, replicating and facilitator units, its active mentors, curators and admins;
 * - innovation: read by anyone signed in; edited by members of its unit, curators and admins;
 * - post: read by readers of its thread (a hidden post: its author and moderators); edited by its author;
 * - playbook: view or edit access to the playbook;
 * - mentoring session: readers of the mentorship; edited by those who manage its sessions;
 * - user (avatar): read by anyone signed in; edited by the user.
 * An unknown parent is 404, a known one without access 403.
 */
@Injectable()
export class AttachmentParents {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly threads: ThreadAccess,
    private readonly playbooks: PlaybookAccess,
    private readonly mentorships: MentorshipContextService,
  ) {}

  /** Throws 404 or 403 unless the caller has `mode` access to the parent. */
  async assert(user: AuthUser, parent: ParentRef, mode: ParentAccess): Promise<void> {
    if (!UUID.test(parent.id) || (parent.mentorshipId !== undefined && !UUID.test(parent.mentorshipId))) throw notFound(label(parent.type));
    if (!(await this.check(user, parent, mode)))
      throw forbidden(mode === 'read' ? 'You may not see this' : 'You may not add or change files here');
  }

  private async check(user: AuthUser, parent: ParentRef, mode: ParentAccess): Promise<boolean> {
    const em = this.em.fork();
    switch (parent.type) {
      case 'replication': {
        const [r] = await em.execute<{ origin_unit_id: string; replicating_unit_id: string; facilitator_unit_id: string | null }[]>(
          'select origin_unit_id, replicating_unit_id, facilitator_unit_id from replications where id = ?',
          [parent.id],
        );
        if (!r) throw notFound('Replication');
        if (mode === 'read' || this.access.hasRole(user, 'curator', 'admin')) return true;
        if (await this.access.isMemberOfAny(user.id, [r.origin_unit_id, r.replicating_unit_id, r.facilitator_unit_id], em)) return true;
        return this.access.isActiveMentor(user.id, parent.id, em);
      }
      case 'innovation': {
        const [i] = await em.execute<{ unit_id: string }[]>('select unit_id from innovations where id = ?', [parent.id]);
        if (!i) throw notFound('Innovation');
        if (mode === 'read' || this.access.hasRole(user, 'curator', 'admin')) return true;
        return this.access.isUnitMember(user.id, i.unit_id, em);
      }
      case 'post': {
        const [p] = await em.execute<
          {
            author_id: string;
            hidden: boolean;
            deleted_at: Date | null;
            thread_id: string;
            innovation_id: string | null;
            replication_id: string | null;
          }[]
        >(
          'select p.author_id, p.hidden, p.deleted_at, t.id as thread_id, t.innovation_id, t.replication_id from posts p join threads t on t.id = p.thread_id where p.id = ?',
          [parent.id],
        );
        if (!p || p.deleted_at) throw notFound('Post');
        if (mode === 'edit') return p.author_id === user.id;
        if (!(await this.threads.canRead(user, { id: p.thread_id, innovationId: p.innovation_id, replicationId: p.replication_id }, em)))
          return false;
        return !p.hidden || p.author_id === user.id || this.threads.isModerator(user);
      }
      case 'playbook': {
        const pb = await this.playbooks.row(parent.id, em);
        if (!pb) throw notFound('Playbook');
        const level = await this.playbooks.level(user, pb, em);
        return mode === 'read' ? level !== null : level === 'edit';
      }
      case 'session': {
        const [s] = await em.execute<{ mentorship_id: string }[]>('select mentorship_id from mentorship_sessions where id = ?', [
          parent.id,
        ]);
        if (!s || (parent.mentorshipId && s.mentorship_id !== parent.mentorshipId)) throw notFound('Session');
        const ctx = await this.mentorships.load(user, s.mentorship_id, em);
        return mode === 'read' ? ctx.canRead : ctx.canRead && this.mentorships.canManage(ctx);
      }
      case 'user': {
        const [u] = await em.execute<{ id: string }[]>('select id from users where id = ?', [parent.id]);
        if (!u) throw notFound('User');
        return mode === 'read' || user.id === parent.id;
      }
    }
  }
}

function label(type: ParentType): string {
  return { replication: 'Replication', innovation: 'Innovation', post: 'Post', playbook: 'Playbook', session: 'Session', user: 'User' }[
    type
  ];
}
