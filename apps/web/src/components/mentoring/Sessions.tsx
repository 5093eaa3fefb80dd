import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { call } from '../../api/client';
import { fillPath } from '../../api/routes';
import { rawFetch, saveResponse } from '../../api/raw';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { errorText } from '../part2/errors';
import { localInput } from '../part2/time';
import { calendarLink, type Session } from './model';
import { SessionAttachments } from '../attachments/mounts';

const MODES = ['online', 'onsite', 'field_visit'] as const;

/** Sesi: schedule (time, mode, agenda), each session's record (notes, outcome, attendance), cancel, calendar. */
export function Sessions({
  mentorshipId,
  title,
  sessions,
  canEdit,
  people,
  onChanged,
}: {
  mentorshipId: string;
  title: string;
  sessions: Session[];
  canEdit: boolean;
  people: { id: string; name: string }[];
  onChanged(): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [when, setWhen] = useState(() => localInput(new Date(Date.now() + 7 * 86_400_000)));
  const [mode, setMode] = useState<string>('online');
  const [agenda, setAgenda] = useState('');
  const add = useMutation({
    mutationFn: () =>
      call('addSession', {
        params: { id: mentorshipId },
        body: { scheduledAt: new Date(when).toISOString(), mode, agenda: agenda.trim() },
      }),
    onSuccess: () => (setAgenda(''), onChanged()),
  });
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('ment.sessions')}</h2>
      {sessions.length === 0 ? (
        <p className="muted">{t('ment.noSessions')}</p>
      ) : (
        <ul className="list-plain">
          {sessions.map((s) => (
            <SessionItem
              key={s.id}
              mentorshipId={mentorshipId}
              title={title}
              s={s}
              canEdit={canEdit}
              people={people}
              onChanged={onChanged}
            />
          ))}
        </ul>
      )}
      {canEdit && (
        <form
          className="form"
          aria-labelledby={`${id}-new`}
          onSubmit={(e) => {
            e.preventDefault();
            if (agenda.trim()) add.mutate();
          }}
        >
          <h3 id={`${id}-new`}>{t('ment.schedule')}</h3>
          <div className="row wrap">
            <div className="field">
              <label htmlFor={`${id}-when`}>{t('ment.when')}</label>
              <input id={`${id}-when`} type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} required />
            </div>
            <div className="field">
              <label htmlFor={`${id}-mode`}>{t('ment.mode')}</label>
              <select id={`${id}-mode`} value={mode} onChange={(e) => setMode(e.target.value)}>
                {MODES.map((m) => (
                  <option key={m} value={m}>
                    {t(`session.${m}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="field">
            <label htmlFor={`${id}-agenda`}>{t('ment.agenda')}</label>
            <textarea id={`${id}-agenda`} rows={2} value={agenda} maxLength={5000} onChange={(e) => setAgenda(e.target.value)} />
          </div>
          <div>
            <button type="submit" className="btn btn-primary" disabled={!agenda.trim() || add.isPending}>
              {t('ment.schedule')}
            </button>
          </div>
          {add.isSuccess && (
            <p role="status" className="alert alert-success">
              {t('ment.scheduled')}
            </p>
          )}
          {add.error && (
            <p role="alert" className="alert alert-error">
              {errorText(add.error)}
            </p>
          )}
        </form>
      )}
    </section>
  );
}

function SessionItem({
  mentorshipId,
  title,
  s,
  canEdit,
  people,
  onChanged,
}: {
  mentorshipId: string;
  title: string;
  s: Session;
  canEdit: boolean;
  people: { id: string; name: string }[];
  onChanged(): void;
}) {
  const { t, formatDate } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [notes, setNotes] = useState(s.notes ?? '');
  const [outcome, setOutcome] = useState(s.outcome ?? '');
  const [attendees, setAttendees] = useState<string[]>(s.attendeeIds);
  // Held when it was scheduled, or now for a session recorded before its planned time.
  const [heldAt, setHeldAt] = useState(() => localInput(new Date(s.heldAt ?? Math.min(Date.parse(s.scheduledAt), Date.now()))));
  const [cancelReason, setCancelReason] = useState('');
  const record = useMutation({
    mutationFn: () =>
      call('updateSession', {
        params: { id: mentorshipId, sessionId: s.id },
        body: { notes, outcome, attendeeIds: attendees, heldAt: new Date(heldAt).toISOString() },
      }),
    onSuccess: () => (setOpen(false), onChanged()),
  });
  const cancel = useMutation({
    mutationFn: () =>
      call('cancelSession', {
        params: { id: mentorshipId, sessionId: s.id },
        body: cancelReason.trim() ? { reason: cancelReason.trim() } : {},
      }),
    onSuccess: onChanged,
  });
  const ics = useMutation({
    mutationFn: async () =>
      saveResponse(
        await rawFetch('GET', fillPath('/api/mentorships/{id}/sessions/{sessionId}/ics', { id: mentorshipId, sessionId: s.id })),
        `sesi-${s.id}.ics`,
      ),
  });
  const status = s.cancelled ? t('ment.cancelled') : s.held ? t('ment.held', { when: formatDate(s.heldAt!, true) }) : t('ment.upcoming');
  return (
    <li className="session" aria-labelledby={`${id}-h`}>
      <div className="row-between">
        <h3 id={`${id}-h`} className="small-heading">
          {formatDate(s.scheduledAt, true)} · {t(`session.${s.mode}` as MessageKey)}
        </h3>
        <span className={`stage stage-${s.cancelled ? 'bad' : s.held ? 'good' : 'neutral'}`}>{status}</span>
      </div>
      <p>{s.agenda}</p>
      {s.cancelled && s.cancelReason && <p className="muted">{s.cancelReason}</p>}
      {s.missingNotes && <p className="stage stage-warn">{t('ment.missingNotes')}</p>}
      {s.notes && (
        <p>
          <strong>{t('ment.notes')}:</strong> {s.notes}
        </p>
      )}
      {s.outcome && (
        <p>
          <strong>{t('ment.outcome')}:</strong> {s.outcome}
        </p>
      )}
      {s.attendeeIds.length > 0 && (
        <p className="small">
          <strong>{t('ment.attendance')}:</strong>{' '}
          {s.attendeeIds.map((a) => people.find((p) => p.id === a)?.name ?? a.slice(0, 8)).join(', ')}
        </p>
      )}
      <div className="row wrap">
        <button type="button" className="btn btn-small" onClick={() => ics.mutate()} disabled={ics.isPending}>
          {t('ment.ics')}
        </button>
        {!s.cancelled && (
          <a className="btn btn-small btn-quiet" href={calendarLink(title, s)} target="_blank" rel="noopener noreferrer">
            {t('ment.addToCalendar')}
          </a>
        )}
        {canEdit && !s.cancelled && (
          <button type="button" className="btn btn-small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {t('ment.record')}
          </button>
        )}
      </div>
      {open && (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            record.mutate();
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-held`}>{t('ment.heldAt')}</label>
            <input id={`${id}-held`} type="datetime-local" value={heldAt} onChange={(e) => setHeldAt(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-notes`}>{t('ment.notes')}</label>
            <textarea id={`${id}-notes`} rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-outcome`}>{t('ment.outcome')}</label>
            <textarea id={`${id}-outcome`} rows={2} value={outcome} onChange={(e) => setOutcome(e.target.value)} />
          </div>
          <fieldset className="facet">
            <legend>{t('ment.attendance')}</legend>
            {people.map((p) => (
              <label key={p.id} className="radio">
                <input
                  type="checkbox"
                  checked={attendees.includes(p.id)}
                  onChange={(e) => setAttendees(e.target.checked ? [...attendees, p.id] : attendees.filter((a) => a !== p.id))}
                />
                {p.name}
              </label>
            ))}
          </fieldset>
          <div className="row wrap">
            <button type="submit" className="btn btn-primary" disabled={record.isPending}>
              {t('ment.saveRecord')}
            </button>
          </div>
          {!s.held && (
            <div className="row wrap">
              <div className="field grow">
                <label htmlFor={`${id}-cancel`}>{t('ment.cancelReason')}</label>
                <input id={`${id}-cancel`} value={cancelReason} onChange={(e) => setCancelReason(e.target.value)} />
              </div>
              <button type="button" className="btn btn-danger" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
                {t('ment.cancelSession')}
              </button>
            </div>
          )}
        </form>
      )}
      {(record.error ?? cancel.error ?? ics.error) && (
        <p role="alert" className="alert alert-error">
          {errorText(record.error ?? cancel.error ?? ics.error)}
        </p>
      )}
      <SessionAttachments mentorshipId={mentorshipId} sessionId={s.id} canManage={canEdit} />
    </li>
  );
}
