import { Link } from 'react-router';
import type { Replication } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useEvidenceAccess } from './access';
import { ChecklistPanel } from './ChecklistPanel';
import { DocumentsPanel, replicationDocs } from './DocumentsPanel';
import { IndicatorsPanel } from './IndicatorsPanel';
import './evidence.css';

/** The replication page's evidence: stage checklists, impact indicators, documents. Its own chunk. */
export default function ReplicationEvidence({ replication }: { replication: Replication }) {
  const { t } = useI18n();
  const { isCurator } = useEvidenceAccess(replication);
  return (
    <div className="grid-2 wide-left">
      <div>
        <ChecklistPanel replication={replication} />
        <IndicatorsPanel replication={replication} />
      </div>
      <div>
        <DocumentsPanel docs={replicationDocs(replication)} canRevoke={isCurator} />
        {replication.facilitatorUnitId && (
          <p>
            <Link to={`/hub/${replication.facilitatorUnitId}`}>{t('hub.link')}</Link>
          </p>
        )}
      </div>
    </div>
  );
}
