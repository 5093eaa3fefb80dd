import { useEffect, useState } from 'react';
import type { Translate } from '../../i18n/i18n';

/** The current time, re-rendered every `ms` (countdowns for slow mode and suspensions). */
export function useNow(ms = 1000, active = true): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms, active]);
  return now;
}

/** "2 jam", "5 menit", "30 detik": the largest unit that fits, rounded up. */
export function formatLeft(t: Translate, ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 60) return t('time.seconds', { n: s });
  const m = Math.ceil(s / 60);
  if (m < 60) return t('time.minutes', { n: m });
  const h = Math.ceil(m / 60);
  if (h < 48) return t('time.hours', { n: h });
  return t('time.days', { n: Math.ceil(h / 24) });
}

/** `YYYY-MM-DDTHH:mm` in local time, for `<input type="datetime-local">`. */
export function localInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
