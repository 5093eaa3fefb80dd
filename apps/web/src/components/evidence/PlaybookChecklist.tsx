import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { useChecklist } from './ChecklistPanel';

/**
 * Beside the playbook: each stage's checklist state. The playbook's stage sections are free text
 * (collaborative, renamable headings), so the state sits in the side panel in the same stage
 * order, linking to the replication page where the items are ticked off.
 */
export function PlaybookChecklist({ replicationId }: { replicationId: string | null | undefined }) {
  const { t } = useI18n();
  const checklist = useChecklist(replicationId);
  if (!replicationId || !checklist.data) return null;
  return (
    <section className="card" aria-labelledby="h-pb-checklist">
      <h2 id="h-pb-checklist">{t('chk.panelTitle')}</h2>
      <ol className="list">
        {checklist.data.stages.map((s) => (
          <li key={s.stage}>
            <strong>{t(`stage.${s.stage}` as MessageKey)}</strong>
            {s.stage === checklist.data.currentStage && <span className="tag">{t('chk.current')}</span>}
            <br />
            <span className="small">
              {t('chk.stageSummary', { done: s.done, total: s.total })} ·{' '}
              {s.requiredOpen > 0 ? t('chk.requiredOpen', { n: s.requiredOpen }) : t('chk.allRequiredDone')}
            </span>
          </li>
        ))}
      </ol>
      <p>
        <Link to={`/replikasi/${replicationId}#daftar-periksa`}>{t('chk.openOnReplication')}</Link>
      </p>
    </section>
  );
}
