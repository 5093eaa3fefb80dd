import { useQuery } from '@tanstack/react-query';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, call } from '../api/client';
import type { Access, Playbook, PlaybookSchema } from '../api/types';
import { useAuth } from '../auth/session';
import { AttachmentsPanel } from '../components/attachments/AttachmentsPanel';
import { ErrorBox, Loading } from '../components/States';
import { useTitle } from '../components/useTitle';
import { ExportButtons } from '../editor/ExportButtons';
import { ImageButton } from '../editor/ImageButton';
import { playbookExtensions } from '../editor/extensions';
import { Presence } from '../editor/Presence';
import { ReSignIn } from '../editor/ReSignIn';
import { Toolbar } from '../editor/Toolbar';
import { useCollab, type Collab } from '../editor/useCollab';
import { VersionsPanel } from '../editor/VersionsPanel';
import { PlaybookChecklist } from '../components/evidence/PlaybookChecklist';
import { useI18n } from '../i18n/i18n';
import { useRealtimeEvent } from '../realtime/realtime';

function SaveStatus({ collab, readOnly }: { collab: Collab; readOnly: boolean }) {
  const { t } = useI18n();
  const key =
    collab.save === 'saved'
      ? 'pb.saved'
      : collab.save === 'saving'
        ? readOnly
          ? 'pb.saved'
          : 'pb.saving'
        : collab.save === 'offline'
          ? 'pb.offline'
          : 'pb.connecting';
  return (
    <p role="status" className={`save save-${collab.save}`}>
      <span className="dot" aria-hidden="true" />
      {t(key)}
    </p>
  );
}

function Editor({ playbook, collab, schema }: { playbook: Playbook; collab: Collab; schema: PlaybookSchema | null }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const [access, setAccess] = useState<Access | 'none'>(playbook.access);
  const [changed, setChanged] = useState<'down' | 'up' | null>(null);
  useEffect(() => setAccess(playbook.access), [playbook.access]);
  useRealtimeEvent<{ playbookId: string; access: Access | 'none' }>('playbook:access', (e) => {
    if (e.playbookId !== playbook.id) return;
    setChanged(e.access === 'edit' ? 'up' : e.access === 'view' ? 'down' : null);
    setAccess(e.access);
  });
  const removed = access === 'none' || collab.stop === 4403;
  const downgraded = collab.readOnlyRefused || changed === 'down';
  const readOnly = access !== 'edit' || downgraded || removed || collab.stop !== null;
  const user = useMemo(() => ({ id: me?.id ?? '', name: me?.name ?? '' }), [me?.id, me?.name]);

  const editor = useEditor(
    {
      extensions: playbookExtensions(collab.doc, collab.provider, user),
      editable: !readOnly,
      immediatelyRender: true,
      editorProps: {
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': t('pb.editor'),
          'aria-readonly': String(readOnly),
          class: 'prose editor-area',
        },
      },
    },
    [collab.doc, collab.provider],
  );
  useEffect(() => {
    if (!editor) return;
    editor.setEditable(!readOnly);
    editor.setOptions({
      editorProps: {
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': t('pb.editor'),
          'aria-readonly': String(readOnly),
          class: 'prose editor-area',
        },
      },
    });
  }, [editor, readOnly, t]);

  const serverNames = useMemo(
    () => (schema ? new Set([...schema.nodes.map((n) => n.name), ...schema.marks.map((m) => m.name)]) : null),
    [schema],
  );

  return (
    <div className="editor-layout">
      <div className="editor-main">
        {collab.stop === 4401 && <ReSignIn onDone={collab.resume} />}
        {removed && (
          <div className="alert alert-error" role="alert">
            <p>{t('pb.4403')}</p>
            <Link to="/">{t('nav.home')}</Link>
          </div>
        )}
        {collab.stop === 4413 && (
          <p className="alert alert-error" role="alert">
            {t('pb.4413')}
          </p>
        )}
        {!removed && readOnly && collab.stop === null && (
          <p className="alert alert-info banner-readonly" role={downgraded ? 'alert' : 'note'}>
            {downgraded ? t('pb.downgraded') : t('pb.readOnly')}
          </p>
        )}
        {changed === 'up' && !readOnly && (
          <p className="alert alert-success" role="status">
            {t('pb.upgraded')}
          </p>
        )}
        <div className="editor-head">
          {editor && !readOnly && <Toolbar editor={editor} serverNames={serverNames} />}
          {editor && !readOnly && (!serverNames || serverNames.has('image')) && <ImageButton editor={editor} playbookId={playbook.id} />}
          <SaveStatus collab={collab} readOnly={readOnly} />
        </div>
        <EditorContent editor={editor} className="editor-frame" />
      </div>
      <aside className="editor-side">
        <Presence provider={collab.provider} selfId={user.id} />
        <ExportButtons playbookId={playbook.id} />
        {!removed && <VersionsPanel playbookId={playbook.id} canEdit={!readOnly} />}
        <PlaybookChecklist replicationId={playbook.replicationId} />
        {!removed && <AttachmentsPanel kind="playbook" id={playbook.id} canAdd={!readOnly} />}
      </aside>
    </div>
  );
}

/** Playbook (/playbooks/:id): the collaborative editor, loaded as its own chunk. */
export default function PlaybookPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const meta = useQuery({ queryKey: ['playbook', id], queryFn: () => call<Playbook>('playbook', { params: { id: id! } }) });
  const schema = useQuery({
    queryKey: ['playbookSchema'],
    queryFn: () =>
      call<PlaybookSchema>('playbookSchema').catch((e: unknown) => (e instanceof ApiError && e.status < 500 ? null : Promise.reject(e))),
    staleTime: Infinity,
  });
  useTitle(meta.data?.title);
  const collab = useCollab(id!);

  if (meta.isPending)
    return (
      <div className="page">
        <Loading />
      </div>
    );
  if (meta.error) {
    const status = meta.error instanceof ApiError ? meta.error.status : 0;
    if (status === 404 || status === 403) {
      return (
        <div className="page">
          <h1>{t(status === 404 ? 'pb.4404' : 'pb.4403')}</h1>
          <p>
            <Link to="/">{t('nav.home')}</Link>
          </p>
        </div>
      );
    }
    return (
      <div className="page">
        <ErrorBox error={meta.error} />
      </div>
    );
  }
  if (collab?.stop === 4404) {
    return (
      <div className="page">
        <h1>{t('pb.4404')}</h1>
      </div>
    );
  }
  return (
    <div className="page page-wide">
      {meta.data.replicationId && (
        <p className="crumbs">
          <Link to={`/replikasi/${meta.data.replicationId}`}>{t('pb.backToReplication')}</Link>
        </p>
      )}
      <h1>{meta.data.title}</h1>
      {collab ? <Editor playbook={meta.data} collab={collab} schema={schema.data ?? null} /> : <Loading />}
    </div>
  );
}
