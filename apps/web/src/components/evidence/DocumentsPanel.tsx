import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { call } from '../../api/client';
import { fillPath } from '../../api/routes';
import { EVIDENCE_ROUTES } from '../../api/routes-evidence';
import { rawFetch, saveResponse } from '../../api/raw';
import type { Verification } from '../../api/evidence-types';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { errorText } from '../part2/errors';
import './evidence.css';

export interface DocumentSpec {
  kind: 'agreement' | 'certificate' | 'report';
  /** The PDF's address (GET, signed in). */
  url: string;
  available: boolean;
}

/** Dokumen: PDFs generated from the record, each with a code anyone can verify; curators and admins revoke. */
export function DocumentsPanel({ docs, canRevoke }: { docs: DocumentSpec[]; canRevoke: boolean }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="h-docs">
      <h2 id="h-docs">{t('doc.title')}</h2>
      <p className="muted small">{t('doc.intro')}</p>
      {docs.map((d) => (
        <DocumentRow key={d.kind} doc={d} canRevoke={canRevoke} />
      ))}
    </section>
  );
}

/** Builds the document list of a replication from its stage history. */
export function replicationDocs(r: { id: string; stage: string; history?: { to: string }[] }): DocumentSpec[] {
  const url = (kind: string) => fillPath(EVIDENCE_ROUTES.replicationDocument[1], { id: r.id, kind });
  return [
    { kind: 'agreement', url: url('agreement'), available: !!r.history?.some((h) => h.to === 'AGREED') },
    { kind: 'certificate', url: url('certificate'), available: r.stage === 'INSTITUTIONALIZED' },
  ];
}

function DocumentRow({ doc, canRevoke }: { doc: DocumentSpec; canRevoke: boolean }) {
  const { t, formatDate } = useI18n();
  const qc = useQueryClient();
  const id = useId();
  const name = t(`doc.${doc.kind}` as MessageKey);
  const [code, setCode] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const download = useMutation({
    mutationFn: async () => {
      const res = await rawFetch('GET', doc.url);
      const c = res.headers.get('x-verification-code');
      await saveResponse(res, `${doc.kind}.pdf`);
      return c;
    },
    onSuccess: (c) => {
      setCode(c);
      void qc.invalidateQueries({ queryKey: ['verify', c] });
    },
  });
  const verification = useQuery({
    queryKey: ['verify', code],
    queryFn: () => call<Verification>('verify', { params: { code: code! } }),
    enabled: !!code,
  });
  const revoke = useMutation({
    mutationFn: () => call<Verification>('revokeDocument', { params: { code: code! }, body: { reason: reason.trim() } }),
    onSuccess: (v) => {
      setReason('');
      qc.setQueryData(['verify', code], v);
    },
  });
  const v = verification.data;
  return (
    <div className="doc-row" aria-labelledby={`${id}-h`} role="group">
      <h3 id={`${id}-h`}>{name}</h3>
      {!doc.available ? (
        <p className="muted small">{t('doc.notYet', { doc: name, when: t(`doc.when.${doc.kind}` as MessageKey) })}</p>
      ) : (
        <button type="button" className="btn" disabled={download.isPending} onClick={() => download.mutate()}>
          {t('doc.download', { doc: name })}
        </button>
      )}
      {download.error && (
        <p className="alert alert-error" role="alert">
          {errorText(download.error)}
        </p>
      )}
      {code && (
        <dl className="details">
          <div>
            <dt>{t('doc.code')}</dt>
            <dd>
              <span className="code">{code}</span>{' '}
              {v && <span className={`tag ${v.valid ? 'tag-ok' : 'tag-bad'}`}>{v.valid ? t('doc.valid') : t('doc.revoked')}</span>}{' '}
              <a href={`/api/verify/${encodeURIComponent(code)}`} target="_blank" rel="noopener">
                {t('doc.verify', { doc: name })}
              </a>
            </dd>
          </div>
          {v?.revokedAt && (
            <div>
              <dt>{t('doc.revoked')}</dt>
              <dd>
                {formatDate(v.revokedAt, true)}
                {v.revokeReason ? ` — ${v.revokeReason}` : ''}
              </dd>
            </div>
          )}
        </dl>
      )}
      {revoke.isSuccess && (
        <p className="alert alert-info" role="status">
          {t('doc.revokedNote', { doc: name })}
        </p>
      )}
      {code && canRevoke && v?.valid && (
        <form
          className="row wrap"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) revoke.mutate();
          }}
        >
          <div className="field grow">
            <label htmlFor={`${id}-reason`}>{t('doc.revokeReason', { doc: name })}</label>
            <input id={`${id}-reason`} required maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="submit" className="btn" disabled={revoke.isPending || !reason.trim()}>
            {t('doc.revoke', { doc: name })}
          </button>
        </form>
      )}
      {revoke.error && (
        <p className="alert alert-error" role="alert">
          {errorText(revoke.error)}
        </p>
      )}
    </div>
  );
}
