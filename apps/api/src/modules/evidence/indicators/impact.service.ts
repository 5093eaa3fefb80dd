import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { notFound } from '@app/common';
import { AccessService } from '../../organisations';
import { changePercent, improved, median } from './change';
import {
  CreateInnovationResultDto,
  ImpactIndicatorView,
  ImpactStatsIndicatorView,
  ImpactStatsView,
  ImpactView,
  InnovationResultView,
} from './indicators.dto';

interface ResultRow {
  id: string;
  innovation_id: string;
  name: string;
  unit: string;
  direction: string;
  before_value: number;
  after_value: number;
  measured_at: Date | null;
  source: string | null;
  created_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const resultView = (r: ResultRow): InnovationResultView => ({
  id: r.id,
  innovationId: r.innovation_id,
  name: r.name,
  unit: r.unit,
  direction: r.direction,
  before: r.before_value,
  after: r.after_value,
  changePercent: changePercent(r.before_value, r.after_value),
  ...(r.measured_at ? { measuredAt: new Date(r.measured_at).toISOString() } : {}),
  ...(r.source ? { source: r.source } : {}),
  createdAt: new Date(r.created_at).toISOString(),
});

/**
 * The roll-up of an innovation's impact over its replications: per indicator (grouped by name,
 * case- and space-insensitively, and unit) how many replications track it and the median
 * relative change of their latest measurement against their baseline, beside the results the
 * origin unit reported for the innovation itself.
 */
@Injectable()
export class ImpactService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
  ) {}

  async impact(innovationId: string): Promise<ImpactView> {
    const em = this.em.fork();
    await this.innovation(em, innovationId);
    const [counts] = await em.execute<{ total: number; institutionalized: number; with_indicators: number }[]>(
      `select count(*)::int as total, count(*) filter (where r.stage = 'INSTITUTIONALIZED')::int as institutionalized,
              count(*) filter (where exists (select 1 from replication_indicators i where i.replication_id = r.id))::int as with_indicators
         from replications r where r.innovation_id = ? and r.stage not in ('DECLINED','WITHDRAWN')`,
      [innovationId],
    );
    const rows = await em.execute<IndicatorRow[]>(
      `select i.replication_id, i.name, i.unit, i.direction, i.baseline_value, m.value as latest
         from replication_indicators i join replications r on r.id = i.replication_id
         left join lateral (select value from indicator_measurements where indicator_id = i.id order by at desc, created_at desc limit 1) m on true
        where r.innovation_id = ? and r.stage not in ('DECLINED','WITHDRAWN')
        order by i.created_at, i.id`,
      [innovationId],
    );
    const indicators: ImpactIndicatorView[] = rollUp(rows).map(([, view]) => view);
    indicators.sort((a, b) => b.replications - a.replications || a.name.localeCompare(b.name));
    const results = await em.execute<ResultRow[]>('select * from innovation_results where innovation_id = ? order by created_at, id', [
      innovationId,
    ]);
    return {
      innovationId,
      replications: { total: counts.total, institutionalized: counts.institutionalized, withIndicators: counts.with_indicators },
      indicators,
      originResults: results.map(resultView),
    };
  }

  /**
   * The statistics' impact roll-up: indicators grouped as above across every innovation, with how
   * many innovations and replications track each; the most widely tracked first.
   */
  async overall(): Promise<ImpactStatsView> {
    const rows = await this.em.fork().execute<(IndicatorRow & { innovation_id: string })[]>(
      `select r.innovation_id, i.replication_id, i.name, i.unit, i.direction, i.baseline_value, m.value as latest
         from replication_indicators i join replications r on r.id = i.replication_id
         left join lateral (select value from indicator_measurements where indicator_id = i.id order by at desc, created_at desc limit 1) m on true
        where r.stage not in ('DECLINED','WITHDRAWN')
        order by i.created_at, i.id`,
    );
    const innovations = new Map<string, Set<string>>();
    for (const row of rows) {
      const key = groupKey(row);
      innovations.set(key, (innovations.get(key) ?? new Set()).add(row.innovation_id));
    }
    const indicators: ImpactStatsIndicatorView[] = rollUp(rows).map(([key, view]) => ({
      ...view,
      innovations: innovations.get(key)!.size,
    }));
    indicators.sort((a, b) => b.innovations - a.innovations || b.replications - a.replications || a.name.localeCompare(b.name));
    return { indicators: indicators.slice(0, 100) };
  }

  /** The origin unit reports what the innovation achieved at home (members, curators, admins). */
  async addResult(user: AuthUser, innovationId: string, dto: CreateInnovationResultDto): Promise<InnovationResultView> {
    const em = this.em.fork();
    const innovation = await this.innovation(em, innovationId);
    await this.access.assertUnitMemberOr(user, innovation.unit_id, 'curator', 'admin');
    const [row] = await em.execute<ResultRow[]>(
      `insert into innovation_results (id, innovation_id, name, unit, direction, before_value, after_value, measured_at, source, created_by_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning *`,
      [
        randomUUID(),
        innovationId,
        dto.name.trim(),
        dto.unit.trim(),
        dto.direction,
        dto.before,
        dto.after,
        dto.measuredAt ? new Date(dto.measuredAt) : null,
        dto.source?.trim() || null,
        user.id,
      ],
    );
    return resultView(row);
  }

  async removeResult(user: AuthUser, innovationId: string, resultId: string): Promise<void> {
    const em = this.em.fork();
    const innovation = await this.innovation(em, innovationId);
    await this.access.assertUnitMemberOr(user, innovation.unit_id, 'curator', 'admin');
    const rows = UUID.test(resultId)
      ? await em.execute<{ id: string }[]>('delete from innovation_results where id = ? and innovation_id = ? returning id', [
          resultId,
          innovationId,
        ])
      : [];
    if (!rows.length) throw notFound('Result');
  }

  private async innovation(em: EntityManager, id: string): Promise<{ id: string; unit_id: string }> {
    const [row] = UUID.test(id)
      ? await em.execute<{ id: string; unit_id: string }[]>('select id, unit_id from innovations where id = ?', [id])
      : [];
    if (!row) throw notFound('Innovation');
    return row;
  }
}

interface IndicatorRow {
  replication_id: string;
  name: string;
  unit: string;
  direction: string;
  baseline_value: number;
  latest: number | null;
}

/** Indicators are the same when name (case and spaces aside), unit and direction agree. */
function groupKey(row: IndicatorRow): string {
  return `${row.name.trim().replace(/\s+/g, ' ').toLowerCase()}\u0000${row.unit.trim().toLowerCase()}\u0000${row.direction}`;
}

/** Median change of the latest figure against the baseline, per indicator group. */
function rollUp(rows: IndicatorRow[]): [key: string, view: ImpactIndicatorView][] {
  const groups = new Map<string, IndicatorRow[]>();
  for (const row of rows) groups.set(groupKey(row), [...(groups.get(groupKey(row)) ?? []), row]);
  return [...groups.entries()].map(([key, g]) => {
    const measured = g.filter((x) => x.latest !== null && x.baseline_value !== 0);
    const view: ImpactIndicatorView = {
      name: mostCommon(g.map((x) => x.name.trim())),
      unit: g[0].unit.trim(),
      direction: g[0].direction,
      replications: new Set(g.map((x) => x.replication_id)).size,
      measured: measured.length,
      medianChangePercent: median(measured.map((x) => changePercent(x.baseline_value, x.latest!)!)),
      improved: g.filter((x) => x.latest !== null && improved(x.direction, x.baseline_value, x.latest) === true).length,
    };
    return [key, view];
  });
}

function mostCommon(names: string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
}
