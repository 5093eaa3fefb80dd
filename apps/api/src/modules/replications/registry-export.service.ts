import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Response } from 'express';
import { attachmentsCell, attachmentsSql, cursorRows, ExportColumn, ExportedAttachment, isoCell, streamTable } from '../innovations';
import { REPLICATION_STAGES } from '@app/database';
import { ExportMentorshipsQuery, ExportReplicationsQuery } from './replications.dto';

interface ReplicationExportRow {
  id: string;
  innovation_id: string;
  innovation_title: string;
  origin_unit: string;
  replicating_unit: string;
  replicating_agency: string;
  region_code: string | null;
  region_name: string | null;
  facilitator_unit: string | null;
  model: string;
  stage: string;
  source_replication_id: string | null;
  created_at: Date;
  updated_at: Date;
  /** Last time each stage was entered. */
  entered: Record<string, string> | null;
  history: string | null;
  attachments: ExportedAttachment[];
}

const REPLICATION_COLUMNS: ExportColumn<ReplicationExportRow>[] = [
  { header: 'id', value: (r) => r.id, width: 38 },
  { header: 'innovationId', value: (r) => r.innovation_id, width: 38 },
  { header: 'innovationTitle', value: (r) => r.innovation_title, width: 40 },
  { header: 'originUnit', value: (r) => r.origin_unit, width: 36 },
  { header: 'replicatingUnit', value: (r) => r.replicating_unit, width: 36 },
  { header: 'replicatingAgency', value: (r) => r.replicating_agency, width: 36 },
  { header: 'regionCode', value: (r) => r.region_code },
  { header: 'regionName', value: (r) => r.region_name, width: 28 },
  { header: 'facilitatorUnit', value: (r) => r.facilitator_unit, width: 36 },
  { header: 'model', value: (r) => r.model },
  { header: 'stage', value: (r) => r.stage },
  { header: 'sourceReplicationId', value: (r) => r.source_replication_id, width: 38 },
  ...REPLICATION_STAGES.map((s) => ({ header: `${s.toLowerCase()}At`, value: (r: ReplicationExportRow) => isoCell(r.entered?.[s]) })),
  { header: 'history', value: (r) => r.history, width: 80 },
  { header: 'createdAt', value: (r) => isoCell(r.created_at) },
  { header: 'updatedAt', value: (r) => isoCell(r.updated_at) },
  // Metadata of the replication's files (never the bytes).
  { header: 'attachmentCount', value: (r) => r.attachments.length },
  { header: 'attachments', value: (r) => attachmentsCell(r.attachments), width: 60 },
];

interface MentorshipExportRow {
  id: string;
  replication_id: string;
  innovation_title: string;
  replicating_unit: string;
  state: string;
  mentors: string | null;
  goals_done: number;
  goals_total: number;
  sessions_held: number;
  sessions_planned: number;
  rating: number | null;
  activated_at: Date | null;
  closed_at: Date | null;
  created_at: Date;
}

const MENTORSHIP_COLUMNS: ExportColumn<MentorshipExportRow>[] = [
  { header: 'id', value: (r) => r.id, width: 38 },
  { header: 'replicationId', value: (r) => r.replication_id, width: 38 },
  { header: 'innovationTitle', value: (r) => r.innovation_title, width: 40 },
  { header: 'replicatingUnit', value: (r) => r.replicating_unit, width: 36 },
  { header: 'state', value: (r) => r.state },
  { header: 'mentors', value: (r) => r.mentors, width: 40 },
  { header: 'goalsDone', value: (r) => r.goals_done },
  { header: 'goalsTotal', value: (r) => r.goals_total },
  { header: 'sessionsHeld', value: (r) => r.sessions_held },
  { header: 'sessionsPlanned', value: (r) => r.sessions_planned },
  { header: 'averageRating', value: (r) => (r.rating === null ? null : Number(r.rating)) },
  { header: 'activatedAt', value: (r) => isoCell(r.activated_at) },
  { header: 'closedAt', value: (r) => isoCell(r.closed_at) },
  { header: 'createdAt', value: (r) => isoCell(r.created_at) },
];

/**
 * Curators' exports of the registry: replications with their stages and history, and
 * mentorships (the mentoring module's tables, read here with SQL only), streamed through a cursor.
 */
@Injectable()
export class RegistryExportService {
  constructor(private readonly em: EntityManager) {}

  async replications(res: Response, q: ExportReplicationsQuery): Promise<void> {
    const where: string[] = ['true'];
    const params: unknown[] = [];
    if (q.innovationId) (where.push('r.innovation_id = ?'), params.push(q.innovationId));
    if (q.unitId)
      (where.push('(r.origin_unit_id = ? or r.replicating_unit_id = ? or r.facilitator_unit_id = ?)'),
        params.push(q.unitId, q.unitId, q.unitId));
    if (q.stage) (where.push('r.stage = ?'), params.push(q.stage));
    const key = (q.sort ?? '-updated').replace(/^-/, '');
    const col = key === 'created' ? 'r.created_at' : key === 'stage' ? 'r.stage' : 'r.updated_at';
    const sql = `select r.id, r.innovation_id, i.title as innovation_title, ou.name as origin_unit, ru.name as replicating_unit, ra.name as replicating_agency,
        ra.region_code, g.name as region_name, fu.name as facilitator_unit, r.model, r.stage, r.source_replication_id, r.created_at, r.updated_at,
        (select jsonb_object_agg(x.to_stage, x.at) from (select to_stage, max(at) as at from replication_transitions where replication_id = r.id group by to_stage) x) as entered,
        (select string_agg(to_char(t.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ' ' || coalesce(t.from_stage, '') || '→' || t.to_stage
                           || coalesce(' (' || au.name || ')', '') || coalesce(': ' || t.note, ''), ' | ' order by t.at, t.id)
           from replication_transitions t left join users au on au.id = t.actor_id where t.replication_id = r.id) as history,
        ${attachmentsSql('replication', 'r.id')} as attachments
        from replications r join innovations i on i.id = r.innovation_id join units ou on ou.id = r.origin_unit_id
        join units ru on ru.id = r.replicating_unit_id join agencies ra on ra.id = ru.agency_id left join regions g on g.code = ra.region_code
        left join units fu on fu.id = r.facilitator_unit_id
       where ${where.join(' and ')} order by ${col} ${q.sort?.startsWith('-') || !q.sort ? 'desc' : 'asc'}, r.id`;
    await streamTable(res, q.format ?? 'csv', 'replikasi', REPLICATION_COLUMNS, cursorRows<ReplicationExportRow>(this.em, sql, params));
  }

  async mentorships(res: Response, q: ExportMentorshipsQuery): Promise<void> {
    const where: string[] = ['true'];
    const params: unknown[] = [];
    if (q.state) (where.push('m.state = ?'), params.push(q.state));
    if (q.unitId)
      (where.push('(r.origin_unit_id = ? or r.replicating_unit_id = ? or r.facilitator_unit_id = ?)'),
        params.push(q.unitId, q.unitId, q.unitId));
    const sql = `select m.id, m.replication_id, i.title as innovation_title, ru.name as replicating_unit, m.state,
        (select string_agg(u.name, '; ' order by mm.position, u.name) from mentorship_mentors mm join users u on u.id = mm.user_id where mm.mentorship_id = m.id) as mentors,
        (select count(*) filter (where g.status = 'done') from mentorship_goals g where g.mentorship_id = m.id)::int as goals_done,
        (select count(*) filter (where g.status <> 'dropped') from mentorship_goals g where g.mentorship_id = m.id)::int as goals_total,
        (select count(*) filter (where s.held_at is not null) from mentorship_sessions s where s.mentorship_id = m.id)::int as sessions_held,
        (select count(*) filter (where s.held_at is null and s.cancelled_at is null) from mentorship_sessions s where s.mentorship_id = m.id)::int as sessions_planned,
        (select round(avg(f.rating), 2) from mentorship_feedback f where f.mentorship_id = m.id) as rating,
        m.activated_at, m.closed_at, m.created_at
        from mentorships m join replications r on r.id = m.replication_id join innovations i on i.id = r.innovation_id
        join units ru on ru.id = r.replicating_unit_id
       where ${where.join(' and ')} order by m.created_at desc, m.id`;
    await streamTable(res, q.format ?? 'csv', 'pendampingan', MENTORSHIP_COLUMNS, cursorRows<MentorshipExportRow>(this.em, sql, params));
  }
}
