import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { badRequest, notFound } from '@app/common';
import { AttachmentEvidence } from '../attachment-evidence.service';
import { ReplicationAccessService } from '../replication-access.service';
import { changePercent, improved } from './change';
import { CreateIndicatorDto, CreateMeasurementDto, IndicatorListView, IndicatorView, MeasurementView } from './indicators.dto';

export interface IndicatorRow {
  id: string;
  replication_id: string;
  name: string;
  unit: string;
  direction: string;
  baseline_value: number;
  baseline_at: Date;
  baseline_source: string | null;
  target: number | null;
}

interface MeasurementRow {
  id: string;
  indicator_id: string;
  value: number;
  at: Date;
  attachment_id: string | null;
  created_by_id: string | null;
  created_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A measurement may be dated a little ahead (time zones, a report dated today); not more. */
const FUTURE_SLACK_MS = 36 * 3_600_000;

const measurementView = (m: MeasurementRow): MeasurementView => ({
  id: m.id,
  indicatorId: m.indicator_id,
  value: m.value,
  at: new Date(m.at).toISOString(),
  ...(m.attachment_id ? { attachmentId: m.attachment_id } : {}),
  createdBy: m.created_by_id,
  createdAt: new Date(m.created_at).toISOString(),
});

function indicatorView(i: IndicatorRow, measurements: MeasurementRow[]): IndicatorView {
  const ms = measurements.map(measurementView);
  const latest = ms.at(-1);
  return {
    id: i.id,
    replicationId: i.replication_id,
    name: i.name,
    unit: i.unit,
    direction: i.direction,
    baseline: { value: i.baseline_value, at: new Date(i.baseline_at).toISOString(), ...(i.baseline_source ? { source: i.baseline_source } : {}) },
    ...(i.target !== null ? { target: i.target } : {}),
    measurements: ms,
    ...(latest ? { latest } : {}),
    changePercent: latest ? changePercent(i.baseline_value, latest.value) : null,
    improved: latest ? improved(i.direction, i.baseline_value, latest.value) : null,
  };
}

/** Before/after service indicators of a replication, with measurements over time. */
@Injectable()
export class IndicatorsService {
  constructor(
    private readonly em: EntityManager,
    private readonly replications: ReplicationAccessService,
    private readonly attachments: AttachmentEvidence,
  ) {}

  async create(user: AuthUser, replicationId: string, dto: CreateIndicatorDto): Promise<IndicatorView> {
    const em = this.em.fork();
    const r = await this.replications.load(replicationId, em);
    await this.replications.assertEditor(user, r, em);
    const baselineAt = notInFuture(dto.baseline.at, 'baseline.at');
    const [row] = await em.execute<IndicatorRow[]>(
      `insert into replication_indicators (id, replication_id, name, unit, direction, baseline_value, baseline_at, baseline_source, target, created_by_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning *`,
      [randomUUID(), r.id, dto.name.trim(), dto.unit.trim(), dto.direction, dto.baseline.value, baselineAt, dto.baseline.source?.trim() || null, dto.target ?? null, user.id],
    );
    return indicatorView(row, []);
  }

  async list(replicationId: string): Promise<IndicatorListView> {
    const em = this.em.fork();
    const r = await this.replications.load(replicationId, em);
    const rows = await em.execute<IndicatorRow[]>('select * from replication_indicators where replication_id = ? order by created_at, id', [r.id]);
    const ms = rows.length
      ? await em.execute<MeasurementRow[]>(
          `select m.* from indicator_measurements m join replication_indicators i on i.id = m.indicator_id
            where i.replication_id = ? order by m.at, m.created_at, m.id`,
          [r.id],
        )
      : [];
    return { items: rows.map((i) => indicatorView(i, ms.filter((m) => m.indicator_id === i.id))) };
  }

  async measure(user: AuthUser, indicatorId: string, dto: CreateMeasurementDto): Promise<MeasurementView> {
    const em = this.em.fork();
    if (!UUID.test(indicatorId)) throw notFound('Indicator');
    const [indicator] = await em.execute<IndicatorRow[]>('select * from replication_indicators where id = ?', [indicatorId]);
    if (!indicator) throw notFound('Indicator');
    const r = await this.replications.load(indicator.replication_id, em);
    await this.replications.assertEditor(user, r, em);
    const at = notInFuture(dto.at, 'at');
    if (at < new Date(indicator.baseline_at)) throw badRequest('A measurement cannot be older than the baseline', [{ field: 'at', problems: ['before the baseline'] }]);
    if (dto.attachmentId) await this.attachments.assertUsable(em, dto.attachmentId, r.id);
    const [row] = await em.execute<MeasurementRow[]>(
      `insert into indicator_measurements (id, indicator_id, value, at, attachment_id, created_by_id) values (?, ?, ?, ?, ?, ?) returning *`,
      [randomUUID(), indicator.id, dto.value, at, dto.attachmentId ?? null, user.id],
    );
    return measurementView(row);
  }
}

function notInFuture(value: string, field: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw badRequest(`${field} is not a valid date`, [{ field, problems: ['invalid date'] }]);
  if (at.getTime() > Date.now() + FUTURE_SLACK_MS) throw badRequest(`${field} lies in the future`, [{ field, problems: ['in the future'] }]);
  return at;
}
