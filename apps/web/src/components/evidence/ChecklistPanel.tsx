import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { CHECKLIST_STAGES, type Checklist, type ChecklistItem, type ChecklistStage } from '../../api/evidence-types';
import type { Replication } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { errorText } from '../part2/errors';
import { ErrorBox, Loading } from '../States';
import './evidence.css';
import { useEvidenceAccess } from './access';
import { downloadAttachment, uploadEvidence } from './upload';

export const checklistKey = (id: string) => ['checklist', id];

export function useChecklist(replicationId: string | null | undefined) {
  return useQuery({
    queryKey: checklistKey(replicationId ?? ''),
    queryFn: () => call<Checklist>('checklist', { params: { id: replicationId! } }),
    enabled: !!replicationId,
  });
}

/** Daftar periksa: each stage's items, ticked off by the replication's editors, evidence attached where required. */
export function ChecklistPanel({ replication }: { replication: Replication }) {
  const { t, formatDate } = useI18n();
  const checklist = useChecklist(replication.id);
  const { canEdit } = useEvidenceAccess(replication);
  return (
    <section className="card" id="daftar-periksa" aria-labelledby="h-checklist">
      <h2 id="h-checklist">{t('chk.title')}</h2>
      <p className="muted small">{t('chk.intro')}</p>
      {checklist.isPending ? (
        <Loading />
      ) : checklist.error ? (
        <ErrorBox error={checklist.error} />
      ) : (
        <>
          {checklist.data.stages.map((s) => (
            <StageChecklist
              key={s.stage}
              replicationId={replication.id}
              stage={s}
              current={s.stage === checklist.data.currentStage}
              canEdit={canEdit}
            />
          ))}
          {canEdit && <AddItem replicationId={replication.id} current={checklist.data.currentStage} />}
          {checklist.data.overrides.length > 0 && (
            <>
              <h3>{t('chk.overrides')}</h3>
              <ul className="list">
                {checklist.data.overrides.map((o) => (
                  <li key={o.at}>
                    <time dateTime={o.at}>{formatDate(o.at, true)}</time>{' '}
                    {t('chk.overrideLine', {
                      from: t(`stage.${o.from}` as MessageKey),
                      to: t(`stage.${o.to}` as MessageKey),
                      name: o.actorName ?? '–',
                      note: o.note,
                    })}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

function StageChecklist({
  replicationId,
  stage,
  current,
  canEdit,
}: {
  replicationId: string;
  stage: ChecklistStage;
  current: boolean;
  canEdit: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const name = t(`stage.${stage.stage}` as MessageKey);
  return (
    <details className="checklist-stage" open={current}>
      <summary>
        <strong id={`${id}-h`}>{name}</strong>
        {current && <span className="tag">{t('chk.current')}</span>}{' '}
        <span className="small">{t('chk.stageSummary', { done: stage.done, total: stage.total })}</span>
        {stage.requiredOpen > 0 && <span className="tag tag-warn">{t('chk.requiredOpen', { n: stage.requiredOpen })}</span>}
      </summary>
      <ul className="list-plain checklist" aria-labelledby={`${id}-h`}>
        {stage.items.map((item) => (
          <Item key={item.id} replicationId={replicationId} item={item} canEdit={canEdit} />
        ))}
      </ul>
    </details>
  );
}

function Item({ replicationId, item, canEdit }: { replicationId: string; item: ChecklistItem; canEdit: boolean }) {
  const { t, formatDate } = useI18n();
  const qc = useQueryClient();
  const id = useId();
  const [renaming, setRenaming] = useState<string | null>(null);
  const patch = useMutation({
    mutationFn: (body: { done?: boolean; attachmentId?: string | null; title?: string }) =>
      call<ChecklistItem>('updateChecklistItem', { params: { id: replicationId, itemId: item.id }, body }),
    onSuccess: (row) => {
      setRenaming(null);
      // The item as stored, at once (the tick stays put); the counts follow with the refetch.
      qc.setQueryData(
        checklistKey(replicationId),
        (old: Checklist | undefined) =>
          old && { ...old, stages: old.stages.map((s) => ({ ...s, items: s.items.map((i) => (i.id === row.id ? row : i)) })) },
      );
      void qc.invalidateQueries({ queryKey: checklistKey(replicationId) });
    },
  });
  // While the tick is on its way, show it as asked: set in the click handler itself, so the
  // controlled box never springs back for a render while the mutation's own state catches up.
  const [asked, setAsked] = useState<boolean | null>(null);
  const done = asked ?? item.done;
  const upload = useMutation({
    mutationFn: async (file: File) => {
      const a = await uploadEvidence(replicationId, file);
      return call<ChecklistItem>('updateChecklistItem', { params: { id: replicationId, itemId: item.id }, body: { attachmentId: a.id } });
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: checklistKey(replicationId) }),
  });
  const remove = useMutation({
    mutationFn: () => call<void>('removeChecklistItem', { params: { id: replicationId, itemId: item.id } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: checklistKey(replicationId) }),
  });
  const blocked = item.evidenceRequired && !item.attachmentId && !item.done;
  const error = patch.error ?? upload.error ?? remove.error;
  return (
    <li className="checklist-item">
      <div className="row wrap">
        <input
          id={`${id}-done`}
          type="checkbox"
          checked={done}
          disabled={!canEdit || blocked || patch.isPending}
          aria-describedby={blocked ? `${id}-hint` : undefined}
          onChange={(e) => {
            setAsked(e.target.checked);
            patch.mutate({ done: e.target.checked }, { onSettled: () => setAsked(null) });
          }}
        />
        <label htmlFor={`${id}-done`} className="grow">
          {item.title}
        </label>
        {item.required && <span className="tag tag-warn">{t('chk.required')}</span>}
        {item.evidenceRequired && <span className="tag">{t('chk.evidence')}</span>}
      </div>
      {item.doneAt && <p className="small muted">{t('chk.doneBy', { date: formatDate(item.doneAt) })}</p>}
      {blocked && canEdit && (
        <p id={`${id}-hint`} className="small muted">
          {t('chk.evidenceFirst')}
        </p>
      )}
      <div className="row wrap small">
        {item.attachmentId && (
          <button
            type="button"
            className="btn btn-small"
            aria-label={t('chk.downloadEvidence', { title: item.title })}
            onClick={() => void downloadAttachment(item.attachmentId!)}
          >
            {t('chk.downloadShort')}
          </button>
        )}
        {canEdit && (item.evidenceRequired || item.attachmentId) && !item.done && (
          <label className="btn btn-small">
            <span aria-hidden="true">{upload.isPending ? t('chk.uploading') : t('chk.uploadShort')}</span>
            <span className="sr-only">{t('chk.uploadEvidence', { title: item.title })}</span>
            <input
              type="file"
              className="sr-only"
              disabled={upload.isPending}
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) upload.mutate(f);
                e.target.value = '';
              }}
            />
          </label>
        )}
        {canEdit && renaming === null && (
          <button
            type="button"
            className="btn btn-small btn-quiet"
            aria-label={t('chk.rename', { title: item.title })}
            onClick={() => setRenaming(item.title)}
          >
            {t('chk.renameShort')}
          </button>
        )}
        {canEdit && !item.required && (
          <button
            type="button"
            className="btn btn-small btn-quiet"
            aria-label={t('chk.remove', { title: item.title })}
            disabled={remove.isPending}
            onClick={() => remove.mutate()}
          >
            {t('chk.removeShort')}
          </button>
        )}
      </div>
      {renaming !== null && (
        <form
          className="row wrap"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            if (renaming.trim()) patch.mutate({ title: renaming.trim() });
          }}
        >
          <label htmlFor={`${id}-title`} className="sr-only">
            {t('chk.renameLabel', { title: item.title })}
          </label>
          <input id={`${id}-title`} value={renaming} maxLength={300} onChange={(e) => setRenaming(e.target.value)} />
          <button type="submit" className="btn btn-small" disabled={patch.isPending}>
            {t('chk.save')}
          </button>
          <button type="button" className="btn btn-small btn-quiet" onClick={() => setRenaming(null)}>
            {t('chk.cancel')}
          </button>
        </form>
      )}
      {error && (
        <p className="alert alert-error small" role="alert">
          {errorText(error)}
        </p>
      )}
    </li>
  );
}

function AddItem({ replicationId, current }: { replicationId: string; current: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const id = useId();
  const initialStage = (CHECKLIST_STAGES as readonly string[]).includes(current) ? current : CHECKLIST_STAGES[0];
  const [stage, setStage] = useState<string>(initialStage);
  const [title, setTitle] = useState('');
  const [required, setRequired] = useState(false);
  const [evidence, setEvidence] = useState(false);
  const [added, setAdded] = useState(false);
  const add = useMutation({
    mutationFn: () =>
      call<ChecklistItem>('addChecklistItem', {
        params: { id: replicationId },
        body: { stage, title: title.trim(), required, evidenceRequired: evidence },
      }),
    onSuccess: () => {
      setTitle('');
      setRequired(false);
      setEvidence(false);
      setAdded(true);
      void qc.invalidateQueries({ queryKey: checklistKey(replicationId) });
    },
  });
  return (
    <form
      className="stack"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        setAdded(false);
        if (title.trim()) add.mutate();
      }}
    >
      <h3 id={`${id}-h`}>{t('chk.addTitle')}</h3>
      <div className="row wrap">
        <div className="field">
          <label htmlFor={`${id}-stage`}>{t('chk.field.stage')}</label>
          <select id={`${id}-stage`} value={stage} onChange={(e) => setStage(e.target.value)}>
            {CHECKLIST_STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`stage.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor={`${id}-title`}>{t('chk.field.title')}</label>
          <input id={`${id}-title`} value={title} maxLength={300} required onChange={(e) => setTitle(e.target.value)} />
        </div>
      </div>
      <div className="row wrap">
        <label>
          <input type="checkbox" checked={required} onChange={(e) => setRequired(e.target.checked)} /> {t('chk.field.required')}
        </label>
        <label>
          <input type="checkbox" checked={evidence} onChange={(e) => setEvidence(e.target.checked)} /> {t('chk.field.evidence')}
        </label>
      </div>
      <div>
        <button type="submit" className="btn" disabled={add.isPending}>
          {t('chk.add')}
        </button>
      </div>
      {added && (
        <p className="alert alert-success" role="status">
          {t('chk.added')}
        </p>
      )}
      {add.error && (
        <p className="alert alert-error" role="alert">
          {errorText(add.error)}
        </p>
      )}
    </form>
  );
}
