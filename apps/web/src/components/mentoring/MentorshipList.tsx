import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import type { MentorshipSummary } from './model';

/** A table of mentorships with state and progress, each linking to its page. */
export function MentorshipList({ items, caption }: { items: MentorshipSummary[]; caption: string }) {
  const { t } = useI18n();
  if (!items.length) return <p className="muted">{t('ment.noMentorships')}</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cur.innovations')}</th>
            <th scope="col">{t('ment.state')}</th>
            <th scope="col">{t('ment.progress')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((m) => (
            <tr key={m.id}>
              <td>
                <Link to={`/pendampingan/${m.id}`}>{m.innovationTitle}</Link>
                <div className="muted small">
                  {m.originUnit.name} → {m.replicatingUnit.name}
                </div>
              </td>
              <td>{t(`ment.state.${m.state}` as MessageKey)}</td>
              <td className="small">
                {t('ment.progressGoals', { done: m.progress.goalsDone, total: m.progress.goalsTotal })}
                <br />
                {t('ment.progressSessions', { n: m.progress.sessionsHeld })}
                {m.progress.goalsOverdue > 0 && (
                  <>
                    <br />
                    <span className="stage stage-bad">{t('ment.progressOverdue', { n: m.progress.goalsOverdue })}</span>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
