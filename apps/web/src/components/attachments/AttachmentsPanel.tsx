import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, call } from '../../api/client';
import { rawFetch, saveResponse } from '../../api/raw';
import { fillPath, API_ROUTES, type RouteName } from '../../api/routes';
import { uploadFile } from '../../api/upload';
import { useAuth } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../part2/errors';
import { ErrorBox, Loading } from '../States';
import './attachments.css';

export type AttachmentParent = 'replication' | 'innovation' | 'post' | 'playbook' | 'session';

export interface Attachment {
  id: string;
  name: string;
  size: number;
  contentType: string;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
}

const ROUTES: Record<AttachmentParent, [list: RouteName, upload: RouteName]> = {
  replication: ['replicationAttachments', 'uploadReplicationAttachment'],
  innovation: ['innovationAttachments', 'uploadInnovationAttachment'],
  post: ['postAttachments', 'uploadPostAttachment'],
  playbook: ['playbookAttachments', 'uploadPlaybookAttachment'],
  session: ['sessionAttachments', 'uploadSessionAttachment'],
};

/** Path parameters of a parent: sessions are addressed through their mentorship. */
function paramsOf(kind: AttachmentParent, id: string, mentorshipId?: string): Record<string, string> {
  return kind === 'session' ? { id: mentorshipId ?? '', sessionId: id } : { id };
}

/** Uploads one file to a parent's attachments (with progress); the shared path for every screen. */
export function uploadAttachment(kind: AttachmentParent, id: string, file: File, onProgress?: (f: number) => void, mentorshipId?: string) {
  return uploadFile<Attachment>('POST', fillPath(API_ROUTES[ROUTES[kind][1]][1], paramsOf(kind, id, mentorshipId)), file, onProgress);
}

export function formatSize(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

const OFFICE: Record<string, string> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PPTX',
  'application/msword': 'DOC',
  'application/vnd.ms-excel': 'XLS',
  'text/plain': 'TXT',
  'text/csv': 'CSV',
};

/** A short type label readers recognise (PDF, PNG, DOCX) from the content type. */
export function typeLabel(contentType: string): string {
  return OFFICE[contentType] ?? (contentType.split('/')[1] ?? contentType).replace(/^x-/, '').slice(0, 10).toUpperCase();
}

/** The message for a failed upload: too large and refused type get their own wording. */
export function useUploadError() {
  const { t } = useI18n();
  return (e: unknown): string =>
    e instanceof ApiError && e.status === 413
      ? t('att.tooLarge')
      : e instanceof ApiError && e.status === 415
        ? t('att.typeRefused')
        : e instanceof ApiError && e.status === 403
          ? t('att.uploadForbidden')
          : errorText(e);
}

interface Props {
  kind: AttachmentParent;
  id: string;
  mentorshipId?: string;
  /** May add files (the parent's editors; for a post, its author). */
  canAdd: boolean;
  /** May rename and delete every file (the parent's editors); uploaders always may change their own. */
  canManage?: boolean;
  /** A post's files: no heading, a smaller upload control. */
  compact?: boolean;
  /** Heading level of the section title. */
  level?: 2 | 3;
}

/**
 * Lampiran: the files of one parent with name, size, type, uploader and date; upload with
 * progress; download; rename and delete where the API allows (uploader or the parent's editors).
 */
export function AttachmentsPanel({ kind, id, mentorshipId, canAdd, canManage = canAdd, compact, level = 2 }: Props) {
  const { t, formatDate } = useI18n();
  const { me } = useAuth();
  const uid = useId();
  const qc = useQueryClient();
  const [list] = ROUTES[kind];
  const params = paramsOf(kind, id, mentorshipId);
  const key = ['attachments', kind, id];
  const files = useQuery({ queryKey: key, queryFn: () => call<{ items: Attachment[] }>(list, { params }) });
  const refresh = () => void qc.invalidateQueries({ queryKey: key });
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const describeError = useUploadError();

  const upload = async (file: File) => {
    setUploadError(null);
    setDone(null);
    setProgress({ name: file.name, fraction: 0 });
    try {
      const a = await uploadAttachment(kind, id, file, (fraction) => setProgress({ name: file.name, fraction }), mentorshipId);
      setDone(t('att.uploaded', { name: a.name }));
      refresh();
    } catch (e) {
      setUploadError(`${file.name}: ${describeError(e)}`);
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };
  const rename = useMutation({
    mutationFn: (v: { id: string; name: string }) => call('renameAttachment', { params: { id: v.id }, body: { name: v.name } }),
    onSuccess: () => (setRenaming(null), refresh()),
  });
  const remove = useMutation({
    mutationFn: (a: Attachment) => call('deleteAttachment', { params: { id: a.id } }),
    onSuccess: (_v, a) => (setDone(t('att.deleted', { name: a.name })), refresh()),
  });
  const download = useMutation({
    mutationFn: async (a: Attachment) => saveResponse(await rawFetch('GET', fillPath(API_ROUTES.attachment[1], { id: a.id })), a.name),
  });

  const Heading = level === 2 ? 'h2' : 'h3';
  const items = files.data?.items ?? [];
  if (compact && !canAdd && files.isSuccess && items.length === 0) return null;
  return (
    <section className={compact ? 'attachments attachments-compact' : 'attachments card'} aria-labelledby={`${uid}-h`}>
      <Heading id={`${uid}-h`} className={compact ? 'sr-only' : undefined}>
        {t('att.title')}
      </Heading>
      {files.isPending ? (
        <Loading />
      ) : files.error ? (
        <ErrorBox error={files.error} />
      ) : items.length === 0 ? (
        compact ? null : (
          <p className="muted">{t('att.none')}</p>
        )
      ) : (
        <ul className="attachment-list" aria-label={t('att.listLabel')}>
          {items.map((a) => {
            const mayChange = canManage || (!!me && a.createdBy?.id === me.id);
            return (
              <li key={a.id} className="attachment">
                {renaming === a.id ? (
                  <form
                    className="row"
                    onSubmit={(e: FormEvent<HTMLFormElement>) => {
                      e.preventDefault();
                      const name = String(new FormData(e.currentTarget).get('name') ?? '').trim();
                      if (name) rename.mutate({ id: a.id, name });
                    }}
                  >
                    <label htmlFor={`${uid}-${a.id}`} className="sr-only">
                      {t('att.newName', { name: a.name })}
                    </label>
                    <input id={`${uid}-${a.id}`} name="name" defaultValue={a.name} maxLength={200} required autoFocus />
                    <button type="submit" className="btn btn-small btn-primary" disabled={rename.isPending}>
                      {t('att.save')}
                    </button>
                    <button type="button" className="btn btn-small" onClick={() => setRenaming(null)}>
                      {t('att.cancel')}
                    </button>
                  </form>
                ) : (
                  <>
                    <button
                      type="button"
                      className="linklike attachment-name"
                      onClick={() => download.mutate(a)}
                      aria-label={t('att.download', { name: a.name })}
                    >
                      {a.name}
                    </button>
                    <span className="muted small attachment-meta">
                      {typeLabel(a.contentType)} · {formatSize(a.size)} · {a.createdBy?.name ?? t('att.unknownUploader')} ·{' '}
                      {formatDate(a.createdAt)}
                    </span>
                    {mayChange && (
                      <span className="row attachment-actions">
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() => setRenaming(a.id)}
                          aria-label={t('att.rename', { name: a.name })}
                        >
                          {t('att.renameShort')}
                        </button>
                        <button
                          type="button"
                          className="btn btn-small btn-danger"
                          onClick={() => remove.mutate(a)}
                          disabled={remove.isPending}
                          aria-label={t('att.delete', { name: a.name })}
                        >
                          {t('att.deleteShort')}
                        </button>
                      </span>
                    )}
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {canAdd && (
        <div className="attachment-upload">
          <label htmlFor={`${uid}-file`} className="btn btn-small">
            {compact ? t('att.attach') : t('att.upload')}
          </label>
          <input
            ref={input}
            id={`${uid}-file`}
            type="file"
            className="sr-only-input"
            disabled={!!progress}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void upload(file);
            }}
          />
          {progress && (
            <span className="row small">
              <progress max={1} value={progress.fraction} aria-label={t('att.uploading', { name: progress.name })} />
              <span aria-hidden="true">{Math.round(progress.fraction * 100)}%</span>
            </span>
          )}
        </div>
      )}
      {(uploadError ?? rename.error ?? remove.error ?? download.error) && (
        <p role="alert" className="alert alert-error">
          {uploadError ?? errorText(rename.error ?? remove.error ?? download.error)}
        </p>
      )}
      <p role="status" className="sr-only">
        {done}
      </p>
    </section>
  );
}
