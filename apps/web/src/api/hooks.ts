import { useQuery } from '@tanstack/react-query';
import { ApiError, call } from './client';
import type { Innovation, Me, Mentorship, MyPlaybook, Page, Replication, Unit } from './types';

/** Unit names are shown everywhere ids appear; each unit is read once and cached. */
export function useUnit(id: string | null | undefined) {
  return useQuery({
    queryKey: ['unit', id],
    queryFn: () => call<Unit>('unit', { params: { id: id! } }),
    enabled: !!id,
    staleTime: 300_000,
  });
}

export function useInnovation(id: string | undefined) {
  return useQuery({ queryKey: ['innovation', id], queryFn: () => call<Innovation>('innovation', { params: { id: id! } }), enabled: !!id });
}

export function useReplication(id: string | undefined) {
  return useQuery({
    queryKey: ['replication', id],
    queryFn: () => call<Replication>('replication', { params: { id: id! } }),
    enabled: !!id,
  });
}

/** Replications of every unit the user belongs to, newest first, without duplicates. */
export function useMyReplications(me: Me | undefined) {
  const units = me?.memberships.map((m) => m.unitId) ?? [];
  return useQuery({
    queryKey: ['replications', 'mine', units],
    enabled: !!me,
    queryFn: async () => {
      const pages = await Promise.all(units.map((unitId) => call<Page<Replication>>('replications', { query: { unitId, limit: 50 } })));
      const seen = new Map<string, Replication>();
      for (const p of pages) for (const r of p.items) seen.set(r.id, r);
      return [...seen.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },
  });
}

/**
 * The playbooks the caller may open (`GET /api/me/playbooks`). Until a server has that endpoint,
 * the playbooks of the user's own replications stand in.
 */
export function useMyPlaybooks(me: Me | undefined, fallback: Replication[] | undefined) {
  return useQuery({
    queryKey: ['myPlaybooks', me?.id, !!fallback],
    enabled: !!me,
    queryFn: async (): Promise<MyPlaybook[]> => {
      try {
        return (await call<Page<MyPlaybook>>('myPlaybooks', { query: { limit: 10 } })).items;
      } catch (e) {
        if (!(e instanceof ApiError && (e.status === 404 || e.status === 400))) throw e;
        return (fallback ?? [])
          .filter((r) => r.playbookId)
          .map((r) => ({
            id: r.playbookId!,
            title: r.innovationTitle ?? r.id,
            replicationId: r.id,
            innovation: { id: r.innovationId, title: r.innovationTitle ?? '' },
            access: 'edit' as const,
            lastEditedAt: null,
            lastEditedBy: null,
          }));
      }
    },
  });
}

/** Upcoming (not held, not cancelled) sessions of the user's units' active mentorships. */
export function useUpcomingSessions(me: Me | undefined) {
  const units = me?.memberships.map((m) => m.unitId) ?? [];
  return useQuery({
    queryKey: ['sessions', 'upcoming', units],
    enabled: !!me,
    queryFn: async () => {
      const lists = await Promise.all(units.map((unitId) => call<Page<Mentorship>>('mentorships', { query: { unitId } })));
      const active = [
        ...new Map(
          lists
            .flatMap((l) => l.items)
            .filter((m) => m.state === 'ACTIVE')
            .map((m) => [m.id, m]),
        ).values(),
      ];
      const details = await Promise.all(active.slice(0, 10).map((m) => call<Mentorship>('mentorship', { params: { id: m.id } })));
      const now = Date.now();
      return details
        .flatMap((m) => (m.sessions ?? []).map((s) => ({ ...s, mentorshipId: m.id, innovationTitle: m.innovationTitle })))
        .filter((s) => !s.heldAt && !s.cancelledAt && Date.parse(s.scheduledAt) >= now)
        .sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt))
        .slice(0, 5);
    },
  });
}
