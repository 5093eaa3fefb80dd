import { useAuth } from '../../auth/session';
import type { Replication } from '../../api/types';
import { hasRole } from '../part2/Guard';

/**
 * What the signed-in user may do with a replication's evidence, as the server decides it: its
 * units' members (origin, replicating, facilitator) and admins edit; curators and admins override
 * and revoke. Active mentors may edit too; the server accepts them, the screen shows them no tools.
 */
export function useEvidenceAccess(r: Pick<Replication, 'originUnitId' | 'replicatingUnitId' | 'facilitatorUnitId'> | undefined) {
  const { me } = useAuth();
  const units = new Set(me?.memberships.map((m) => m.unitId) ?? []);
  const isAdmin = hasRole(me?.roles, 'admin');
  const isCurator = hasRole(me?.roles, 'curator', 'admin');
  const canEdit =
    !!r &&
    (isAdmin || units.has(r.originUnitId) || units.has(r.replicatingUnitId) || (!!r.facilitatorUnitId && units.has(r.facilitatorUnitId)));
  return { canEdit, isCurator, isAdmin };
}

/** A signed percentage in Indonesian notation, e.g. −71,4 %. */
export function formatPercent(value: number | null, locale: string): string {
  if (value === null) return '–';
  const n = new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(
    value,
  );
  return `${n.replace('-', '−')} %`;
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 2 }).format(value);
}

/** The date part (YYYY-MM-DD) of today, for date inputs' defaults and maxima. */
export const today = () => new Date().toISOString().slice(0, 10);
