import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { APP_CONFIG, AppError, badRequest, notFound, orderBySql } from '@app/common';
import type { AppConfig } from '@app/common';
import { Membership, Unit, User } from '@app/database';
import { tokenHash } from '../auth';
import { AuthService } from '../auth';
import { hashPassword } from '../auth';
import { MailQueue } from '../mail';
import { invitationMail } from '../mail';
import { AccessEvents, AccessService } from '../organisations';
import {
  AcceptedInvitationDto,
  AcceptInvitationDto,
  CreateInvitationDto,
  INVITATION_SORTS,
  InvitationDto,
  InvitationRow,
  toInvitation,
} from './invitations.dto';

const INVITATION_TTL_DAYS = 7;
const SELECT = 'select id, unit_id, email, role, expires_at, accepted_at, revoked_at, created_at from invitations';
const ORDER: Record<(typeof INVITATION_SORTS)[number], string> = { created: 'created_at', email: 'email', expires: 'expires_at' };

/**
 * Unit admins invite people by email with a unit role. The mailed token proves the invitee
 * holds the mailbox, so accepting creates the account (verified) or joins the existing one and
 * signs it in. Every creation, acceptance and revocation is written to `invitation_audit`.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly events: AccessEvents,
    private readonly auth: AuthService,
    private readonly mail: MailQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: AuthUser, unitId: string, dto: CreateInvitationDto): Promise<InvitationDto> {
    const unit = await this.em.fork().findOne(Unit, { id: unitId }, { populate: ['agency'] });
    if (!unit) throw notFound('Unit');
    await this.access.assertUnitAdmin(actor, unitId);
    const [member] = await this.em.execute(
      'select 1 from memberships m join users u on u.id = m.user_id where m.unit_id = ? and u.email = ?',
      [unitId, dto.email],
    );
    if (member) throw new AppError('ALREADY_EXISTS', 'This person is already a member of the unit');
    const token = randomBytes(32).toString('base64url');
    const id = randomUUID();
    const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 86400_000);
    await this.em.fork().transactional(async (tx) => {
      // A new invitation to the same address replaces the pending one (its link stops working).
      await tx.execute(
        'update invitations set revoked_at = now() where unit_id = ? and email = ? and accepted_at is null and revoked_at is null',
        [unitId, dto.email],
      );
      await tx.execute(
        'insert into invitations (id, unit_id, email, role, token_hash, invited_by_id, expires_at) values (?, ?, ?, ?, ?, ?, ?)',
        [id, unitId, dto.email, dto.role, tokenHash(token), actor.id, expiresAt],
      );
      await this.audit(tx, id, 'created', actor.id, { email: dto.email, role: dto.role });
      const link = `${this.config.publicUrl}/undangan?token=${token}`;
      const rendered = invitationMail({
        unitName: unit.name,
        agencyName: unit.agency.name,
        role: dto.role,
        inviterName: actor.name,
        link,
        expiresAt,
      });
      await this.mail.enqueue({ to: dto.email, template: 'invitation', ...rendered }, tx);
    });
    return toInvitation((await this.em.execute<InvitationRow[]>(`${SELECT} where id = ?`, [id]))[0]);
  }

  async list(actor: AuthUser, unitId: string, sort?: string): Promise<{ items: InvitationDto[] }> {
    const [unit] = await this.em.execute('select id from units where id = ?', [unitId]);
    if (!unit) throw notFound('Unit');
    await this.access.assertUnitAdmin(actor, unitId);
    const rows = await this.em.execute<InvitationRow[]>(
      `${SELECT} where unit_id = ? order by ${orderBySql(sort, '-created', ORDER, 'id')}`,
      [unitId],
    );
    return { items: rows.map(toInvitation) };
  }

  async revoke(actor: AuthUser, id: string): Promise<void> {
    const [inv] = await this.em.execute<InvitationRow[]>(`${SELECT} where id = ?`, [id]);
    if (!inv) throw notFound('Invitation');
    await this.access.assertUnitAdmin(actor, inv.unit_id);
    if (inv.accepted_at) throw new AppError('INVITATION_CLOSED', 'This invitation was already accepted; remove the member instead');
    await this.em.fork().transactional(async (tx) => {
      await tx.execute('update invitations set revoked_at = coalesce(revoked_at, now()) where id = ?', [id]);
      await this.audit(tx, id, 'revoked', actor.id, null);
    });
  }

  async accept(dto: AcceptInvitationDto): Promise<AcceptedInvitationDto> {
    const passwordHash = dto.password ? await hashPassword(dto.password) : null;
    const em = this.em.fork();
    const result = await em
      .transactional(async (tx) => {
        // Spending the token is the first write: a second accept of the same link finds nothing.
        const [inv] = await tx.execute<InvitationRow[]>(
          `update invitations set accepted_at = now() where token_hash = ? and accepted_at is null and revoked_at is null and expires_at > now()
          returning id, unit_id, email, role, expires_at, accepted_at, revoked_at, created_at`,
          [tokenHash(dto.token)],
        );
        if (!inv) throw new AppError('TOKEN_INVALID', 'This invitation link is invalid, already used, revoked or expired');
        let user = await tx.findOne(User, { email: inv.email });
        const created = !user;
        if (!user) {
          if (!dto.name || !passwordHash)
            throw badRequest('name and password are needed to create the account', [{ field: 'name' }, { field: 'password' }]);
          user = new User(inv.email, dto.name, passwordHash);
          tx.persist(user);
        }
        user.emailVerifiedAt ??= new Date();
        const existing = await tx.findOne(Membership, { unit: inv.unit_id, user: user.id });
        if (existing) existing.role = inv.role;
        else tx.persist(new Membership(tx.getReference(Unit, inv.unit_id), user, inv.role));
        user.accessVersion += 1;
        await tx.flush();
        await tx.execute('update invitations set accepted_by_id = ? where id = ?', [user.id, inv.id]);
        await this.audit(tx, inv.id, 'accepted', user.id, { created, role: inv.role });
        return { user, inv };
      })
      .catch((e: unknown) => {
        if (e instanceof UniqueConstraintViolationException)
          throw new AppError('EMAIL_TAKEN', 'An account with this email was created meanwhile; try again');
        throw e;
      });
    this.events.changed({ userId: result.user.id, reason: 'membership' });
    const session = await this.auth.startSession(result.user);
    return { ...session, unitId: result.inv.unit_id, role: result.inv.role };
  }

  private async audit(
    tx: EntityManager,
    invitationId: string,
    action: 'created' | 'accepted' | 'revoked',
    actorId: string,
    detail: unknown,
  ): Promise<void> {
    await tx.execute('insert into invitation_audit (id, invitation_id, action, actor_id, detail) values (?, ?, ?, ?, ?::jsonb)', [
      randomUUID(),
      invitationId,
      action,
      actorId,
      JSON.stringify(detail),
    ]);
  }
}
