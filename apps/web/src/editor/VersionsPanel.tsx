import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, call } from '../api/client';
import type { Version, VersionDiff } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { PmView, textOf, type PmNode } from './PmView';

type Shown = { kind: 'preview'; version: Version } | { kind: 'diff'; version: Version } | null;

function Preview({ playbookId, version }: { playbookId: string; version: Version }) {
  const { t } = useI18n();
  const q = useQuery({
    queryKey: ['version', playbookId, version.id],
    queryFn: () =>
      call<PmNode | { content: PmNode }>('version', { params: { id: playbookId, versionId: version.id }, query: { format: 'json' } }),
  });
  if (q.isPending) return <p className="muted">{t('common.loading')}</p>;
  if (q.error)
    return <p className="muted">{q.error instanceof ApiError && q.error.status === 404 ? t('pb.unavailable') : q.error.message}</p>;
  const d = q.data as PmNode & { content?: PmNode | PmNode[] };
  const doc: PmNode =
    d.type === 'doc'
      ? d
      : Array.isArray(d.content)
        ? { type: 'doc', content: d.content }
        : ((d.content as PmNode | undefined) ?? { type: 'doc' });
  return <PmView doc={doc} />;
}

function Diff({ playbookId, version }: { playbookId: string; version: Version }) {
  const { t } = useI18n();
  const q = useQuery({
    queryKey: ['versionDiff', playbookId, version.id],
    queryFn: () => call<VersionDiff>('versionDiff', { params: { id: playbookId, versionId: version.id } }),
  });
  if (q.isPending) return <p className="muted">{t('common.loading')}</p>;
  if (q.error)
    return <p className="muted">{q.error instanceof ApiError && q.error.status === 404 ? t('pb.unavailable') : q.error.message}</p>;
  const groups = [
    ['added', t('pb.diffAdded'), q.data.added ?? []],
    ['removed', t('pb.diffRemoved'), q.data.removed ?? []],
    ['changed', t('pb.diffChanged'), q.data.changed ?? []],
  ] as const;
  if (groups.every(([, , items]) => items.length === 0)) return <p className="muted">{t('pb.diffNone')}</p>;
  return (
    <div className="diff">
      {groups
        .filter(([, , items]) => items.length)
        .map(([kind, label, items]) => (
          <div key={kind} className={`diff-${kind}`}>
            <h4>{label}</h4>
            <ul>
              {items.map((it, n) => {
                const o = it as { before?: unknown; after?: unknown };
                return (
                  <li key={n}>{kind === 'changed' && (o.before || o.after) ? `${textOf(o.before)} → ${textOf(o.after)}` : textOf(it)}</li>
                );
              })}
            </ul>
          </div>
        ))}
    </div>
  );
}

/** Named versions: save one, list, preview, compare with now, restore (a new change everyone sees). */
export function VersionsPanel({ playbookId, canEdit }: { playbookId: string; canEdit: boolean }) {
  const { t, formatDate } = useI18n();
  const qc = useQueryClient();
  const [shown, setShown] = useState<Shown>(null);
  const [confirm, setConfirm] = useState<Version | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['versions', playbookId],
    queryFn: () => call<{ items: Version[] }>('versions', { params: { id: playbookId } }),
  });
  const create = useMutation({
    mutationFn: (label: string) => call<Version>('createVersion', { params: { id: playbookId }, body: { label } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['versions', playbookId] }),
  });
  const restore = useMutation({
    mutationFn: (v: Version) => call('restoreVersion', { params: { id: playbookId, versionId: v.id } }),
    onSuccess: (_r, v) => {
      setConfirm(null);
      setMessage(t('pb.restored', { label: v.label }));
      void qc.invalidateQueries({ queryKey: ['versionDiff', playbookId] });
    },
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const label = String(new FormData(form).get('label') ?? '').trim();
    if (label) create.mutate(label, { onSuccess: () => form.reset() });
  };
  const who = (v: Version) => (typeof v.createdBy === 'object' && v.createdBy ? v.createdBy.name : '');

  return (
    <section className="card versions" aria-labelledby="h-versions">
      <h2 id="h-versions">{t('pb.versions')}</h2>
      {canEdit && (
        <form className="row" onSubmit={submit}>
          <label htmlFor="version-label" className="sr-only">
            {t('pb.versionLabel')}
          </label>
          <input id="version-label" name="label" placeholder={t('pb.versionLabel')} maxLength={200} required />
          <button type="submit" className="btn" disabled={create.isPending}>
            {t('pb.saveVersion')}
          </button>
        </form>
      )}
      {create.error && (
        <p className="alert alert-error" role="alert">
          {create.error.message}
        </p>
      )}
      {message && (
        <p className="alert alert-success" role="status">
          {message}
        </p>
      )}
      {restore.error && (
        <p className="alert alert-error" role="alert">
          {restore.error.message}
        </p>
      )}
      {list.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : list.error ? (
        <p className="muted">{list.error.message}</p>
      ) : list.data.items.length === 0 ? (
        <p className="muted">{t('pb.noVersions')}</p>
      ) : (
        <ul className="version-list">
          {list.data.items.map((v) => (
            <li key={v.id}>
              <div>
                <strong>{v.label}</strong>
                <p className="muted small">
                  {formatDate(v.createdAt, true)} {who(v) && `· ${who(v)}`}
                </p>
              </div>
              <div className="row wrap">
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={`${t('pb.preview')}: ${v.label}`}
                  onClick={() => setShown({ kind: 'preview', version: v })}
                >
                  {t('pb.preview')}
                </button>
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={`${t('pb.diff')}: ${v.label}`}
                  onClick={() => setShown({ kind: 'diff', version: v })}
                >
                  {t('pb.diff')}
                </button>
                {canEdit && (
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`${t('pb.restore')}: ${v.label}`}
                    onClick={() => setConfirm(v)}
                  >
                    {t('pb.restore')}
                  </button>
                )}
              </div>
              {confirm?.id === v.id && (
                <div className="confirm" role="group" aria-label={t('pb.restore')}>
                  <p>{t('pb.confirmRestore', { label: v.label })}</p>
                  <div className="row">
                    <button type="button" className="btn btn-primary" disabled={restore.isPending} onClick={() => restore.mutate(v)}>
                      {t('pb.restore')}
                    </button>
                    <button type="button" className="btn" onClick={() => setConfirm(null)}>
                      {t('common.cancel')}
                    </button>
                  </div>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {shown && (
        <div
          className="version-view"
          role="region"
          aria-label={`${shown.kind === 'preview' ? t('pb.preview') : t('pb.diff')}: ${shown.version.label}`}
        >
          <div className="row-between">
            <h3>
              {shown.kind === 'preview' ? t('pb.preview') : t('pb.diff')}: {shown.version.label}
            </h3>
            <button type="button" className="btn btn-small" onClick={() => setShown(null)}>
              {t('common.close')}
            </button>
          </div>
          {shown.kind === 'preview' ? (
            <Preview playbookId={playbookId} version={shown.version} />
          ) : (
            <Diff playbookId={playbookId} version={shown.version} />
          )}
        </div>
      )}
    </section>
  );
}
