import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { AppError, badRequest, forbidden, notFound, orderBySql } from '@app/common';
import { Innovation } from '@app/database';
import { AccessService } from '../../organisations';
import { CampaignNotifier, CampaignUnitRow } from './campaign-notifier.service';
import {
  CampaignFilterDto,
  CampaignItemListView,
  CampaignItemsQuery,
  CampaignItemView,
  CampaignListView,
  CampaignView,
  ConfirmInnovationDto,
  CreateCampaignDto,
} from './campaigns.dto';
import type { CAMPAIGN_ITEM_SORTS, CAMPAIGN_SORTS } from './campaigns.dto';

interface CampaignRow {
  id: string;
  title: string;
  filter: Record<string, unknown>;
  deadline: Date;
  remind_days_before: number;
  created_by_id: string | null;
  created_at: Date;
  closed_at: Date | null;
  total: number;
  confirmed: number;
  reminded: number;
  flagged: number;
  units: number;
  units_complete: number;
}

interface ItemRow {
  campaign_id: string;
  innovation_id: string;
  innovation_title: string;
  unit_id: string;
  unit_name: string;
  confirmed_at: Date | null;
  confirmed_by_id: string | null;
  reminded_at: Date | null;
  flagged_at: Date | null;
  changes: Record<string, unknown> | null;
  deadline?: Date;
  campaign_title?: string;
  total?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const CAMPAIGN_SELECT = `select c.*,
    (select count(*)::int from refresh_campaign_items i where i.campaign_id = c.id) as total,
    (select count(*)::int from refresh_campaign_items i where i.campaign_id = c.id and i.confirmed_at is not null) as confirmed,
    (select count(*)::int from refresh_campaign_items i where i.campaign_id = c.id and i.confirmed_at is null and i.reminded_at is not null) as reminded,
    (select count(*)::int from refresh_campaign_items i where i.campaign_id = c.id and i.confirmed_at is null and i.flagged_at is not null) as flagged,
    (select count(distinct i.unit_id)::int from refresh_campaign_items i where i.campaign_id = c.id) as units,
    (select count(*)::int from (select 1 from refresh_campaign_items i where i.campaign_id = c.id group by i.unit_id having bool_and(i.confirmed_at is not null)) u) as units_complete
  from refresh_campaigns c`;

const ITEM_SELECT = `select it.campaign_id, it.innovation_id, inv.title as innovation_title, it.unit_id, un.name as unit_name, it.confirmed_at, it.confirmed_by_id,
    it.reminded_at, it.flagged_at, it.changes
  from refresh_campaign_items it join innovations inv on inv.id = it.innovation_id join units un on un.id = it.unit_id`;

/** `sort=` keys of the campaign list and of a campaign's items. */
const CAMPAIGN_ORDER: Record<(typeof CAMPAIGN_SORTS)[number], string> = {
  created: 'c.created_at',
  deadline: 'c.deadline',
  title: 'lower(c.title)',
};
const ITEM_ORDER: Record<(typeof CAMPAIGN_ITEM_SORTS)[number], string | string[]> = {
  unit: ['un.name', 'inv.title'],
  title: 'inv.title',
  confirmed: 'it.confirmed_at',
};

const campaignView = (c: CampaignRow): CampaignView => ({
  id: c.id,
  title: c.title,
  filter: c.filter,
  deadline: new Date(c.deadline).toISOString(),
  remindDaysBefore: c.remind_days_before,
  createdBy: c.created_by_id,
  createdAt: new Date(c.created_at).toISOString(),
  closedAt: iso(c.closed_at),
  progress: {
    total: c.total,
    confirmed: c.confirmed,
    pending: c.total - c.confirmed,
    reminded: c.reminded,
    flagged: c.flagged,
    units: c.units,
    unitsComplete: c.units_complete,
  },
});

const itemView = (i: ItemRow): CampaignItemView => ({
  campaignId: i.campaign_id,
  innovationId: i.innovation_id,
  innovationTitle: i.innovation_title,
  unitId: i.unit_id,
  unitName: i.unit_name,
  status: i.confirmed_at ? 'confirmed' : i.flagged_at ? 'flagged' : 'pending',
  confirmedAt: iso(i.confirmed_at),
  confirmedBy: i.confirmed_by_id,
  remindedAt: iso(i.reminded_at),
  flaggedAt: iso(i.flagged_at),
  changes: i.changes,
  ...(i.deadline ? { deadline: new Date(i.deadline).toISOString() } : {}),
  ...(i.campaign_title ? { campaignTitle: i.campaign_title } : {}),
});

/** Data refresh campaigns (pemutakhiran data): who is asked, who confirmed, what changed. */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly notifier: CampaignNotifier,
  ) {}

  async create(user: AuthUser, dto: CreateCampaignDto): Promise<CampaignView> {
    this.assertCurator(user);
    const deadline = new Date(dto.deadline);
    if (!(deadline.getTime() > Date.now()))
      throw badRequest('deadline must lie in the future', [{ field: 'deadline', problems: ['not in the future'] }]);
    const id = randomUUID();
    const filter = compactFilter(dto.filter);
    const where = filterSql(filter);
    const asked = await this.em.fork().transactional(async (tx) => {
      await tx.execute(
        `insert into refresh_campaigns (id, title, filter, deadline, remind_days_before, created_by_id) values (?, ?, ?::jsonb, ?, ?, ?)`,
        [id, dto.title.trim(), JSON.stringify(filter), deadline, dto.remindDaysBefore ?? 3, user.id],
      );
      const rows = await tx.execute<CampaignUnitRow[]>(
        `with picked as (insert into refresh_campaign_items (campaign_id, innovation_id, unit_id)
                         select ?, i.id, i.unit_id from innovations i where ${where.sql} returning innovation_id, unit_id)
         select p.unit_id, p.innovation_id, i.title as innovation_title from picked p join innovations i on i.id = p.innovation_id order by i.title`,
        [id, ...where.params],
      );
      if (!rows.length) throw new AppError('CAMPAIGN_EMPTY', 'No innovation matches this filter');
      return rows;
    });
    await this.notifier.tellUnits('requested', { id, title: dto.title.trim(), deadline }, asked);
    return this.get(user, id);
  }

  async list(user: AuthUser, sort?: string): Promise<CampaignListView> {
    this.assertCurator(user);
    const rows = await this.em
      .fork()
      .execute<CampaignRow[]>(`${CAMPAIGN_SELECT} order by ${orderBySql(sort, '-created', CAMPAIGN_ORDER, 'c.id')} limit 200`);
    return { items: rows.map(campaignView) };
  }

  async get(user: AuthUser, id: string): Promise<CampaignView> {
    this.assertCurator(user);
    return campaignView(await this.campaign(id));
  }

  async items(user: AuthUser, id: string, q: CampaignItemsQuery): Promise<CampaignItemListView> {
    this.assertCurator(user);
    await this.campaign(id);
    const status =
      q.status === 'confirmed'
        ? 'and it.confirmed_at is not null'
        : q.status === 'flagged'
          ? 'and it.confirmed_at is null and it.flagged_at is not null'
          : q.status === 'pending'
            ? 'and it.confirmed_at is null'
            : '';
    const rows = await this.em
      .fork()
      .execute<ItemRow[]>(
        `${ITEM_SELECT.replace('select it.campaign_id', 'select count(*) over() as total, it.campaign_id')} where it.campaign_id = ? ${status} order by ${orderBySql(q.sort, 'unit', ITEM_ORDER, 'it.innovation_id')} limit ? offset ?`,
        [id, q.limit ?? 100, q.offset ?? 0],
      );
    return { items: rows.map(itemView), total: rows.length ? Number(rows[0].total) : 0 };
  }

  /** What the caller's units are asked to confirm, open campaigns first. */
  async mine(user: AuthUser): Promise<CampaignItemListView> {
    const rows = await this.em.fork().execute<ItemRow[]>(
      `${ITEM_SELECT.replace('from refresh_campaign_items it', ', c.deadline, c.title as campaign_title from refresh_campaign_items it join refresh_campaigns c on c.id = it.campaign_id')}
        where it.unit_id in (select unit_id from memberships where user_id = ?) and it.confirmed_at is null
        order by c.closed_at nulls first, c.deadline, inv.title limit 500`,
      [user.id],
    );
    return { items: rows.map(itemView), total: rows.length };
  }

  /**
   * The origin unit confirms its innovation, correcting stage, sustainability and contact on
   * the way. Late confirmations (after the deadline) are welcome and lift the flag.
   */
  async confirm(user: AuthUser, campaignId: string, innovationId: string, dto: ConfirmInnovationDto): Promise<CampaignItemView> {
    await this.campaign(campaignId);
    const em = this.em.fork();
    const [item] = UUID.test(innovationId)
      ? await em.execute<ItemRow[]>(`${ITEM_SELECT} where it.campaign_id = ? and it.innovation_id = ?`, [campaignId, innovationId])
      : [];
    if (!item) throw notFound('Campaign item');
    if (!this.access.hasRole(user, 'curator', 'admin') && !(await this.access.isUnitMember(user.id, item.unit_id, em))) {
      throw forbidden('Only members of the innovation’s origin unit, curators and admins confirm it');
    }
    await em.transactional(async (tx) => {
      const innovation = await tx.findOneOrFail(Innovation, innovationId);
      const changes: Record<string, unknown> = {};
      if (dto.stage !== undefined && dto.stage !== innovation.stage)
        ((changes.stage = { from: innovation.stage ?? null, to: dto.stage }), (innovation.stage = dto.stage));
      if (dto.sustainability !== undefined && dto.sustainability !== innovation.sustainability) {
        changes.sustainability = { from: innovation.sustainability ?? null, to: dto.sustainability };
        innovation.sustainability = dto.sustainability;
      }
      if (dto.contact) changes.contact = dto.contact;
      if (dto.note?.trim()) changes.note = dto.note.trim();
      // Through the entity, so whoever watches innovation changes (dormant/stopped notices) sees this one too.
      await tx.flush();
      await tx.execute(
        `update innovations set verified_at = now(), unverified_since = null${dto.contact ? ', contact = ?::jsonb' : ''} where id = ?`,
        [...(dto.contact ? [JSON.stringify(dto.contact)] : []), innovationId],
      );
      await tx.execute(
        `update refresh_campaign_items set confirmed_at = now(), confirmed_by_id = ?, changes = ?::jsonb where campaign_id = ? and innovation_id = ?`,
        [user.id, JSON.stringify(changes), campaignId, innovationId],
      );
    });
    const [row] = await this.em
      .fork()
      .execute<ItemRow[]>(`${ITEM_SELECT} where it.campaign_id = ? and it.innovation_id = ?`, [campaignId, innovationId]);
    return itemView(row);
  }

  private async campaign(id: string): Promise<CampaignRow> {
    const [row] = UUID.test(id) ? await this.em.fork().execute<CampaignRow[]>(`${CAMPAIGN_SELECT} where c.id = ?`, [id]) : [];
    if (!row) throw notFound('Campaign');
    return row;
  }

  private assertCurator(user: AuthUser): void {
    if (!this.access.hasRole(user, 'curator', 'admin')) throw forbidden('Only curators and admins run data refresh campaigns');
  }
}

function compactFilter(f: CampaignFilterDto): Record<string, unknown> {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== null));
}

/** The filter as SQL over `innovations i` (parameters bound, never spliced). */
export function filterSql(f: Record<string, unknown>): { sql: string; params: unknown[] } {
  const parts: string[] = ['true'];
  const params: unknown[] = [];
  const eq = (column: string, value: unknown) => (parts.push(`${column} = ?`), params.push(value));
  if (f.source) eq('i.source', f.source);
  if (f.year !== undefined) eq('i.year', f.year);
  if (f.sector) eq('i.sector', f.sector);
  if (f.unitId) eq('i.unit_id', f.unitId);
  if (f.stage) eq('i.stage', f.stage);
  if (f.sustainability) eq('i.sustainability', f.sustainability);
  if (f.regionCode) (parts.push(`(i.region_code = ? or i.region_code like ?)`), params.push(f.regionCode, `${String(f.regionCode)}.%`));
  if (f.verifiedBefore) (parts.push('(i.verified_at is null or i.verified_at < ?)'), params.push(new Date(String(f.verifiedBefore))));
  if (Array.isArray(f.innovationIds)) (parts.push(`i.id = any(string_to_array(?, ',')::uuid[])`), params.push(f.innovationIds.join(',')));
  return { sql: parts.join(' and '), params };
}
