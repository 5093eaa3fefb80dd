import type { Editor } from '@tiptap/react';
import { useId, useRef, useState } from 'react';
import { uploadAttachment, useUploadError } from '../components/attachments/AttachmentsPanel';
import { useI18n } from '../i18n/i18n';

/**
 * "Sisipkan gambar": uploads the chosen image as an attachment of the playbook and inserts an
 * image node pointing at it (`/api/attachments/:id`), which every reader loads through a signed link.
 */
export function ImageButton({ editor, playbookId }: { editor: Editor; playbookId: string }) {
  const { t } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const describe = useUploadError();
  const [state, setState] = useState<{ busy?: number; error?: string; done?: boolean }>({});
  const insert = async (file: File) => {
    setState({ busy: 0 });
    try {
      const a = await uploadAttachment('playbook', playbookId, file, (f) => setState({ busy: f }));
      editor
        .chain()
        .focus()
        .setImage({ src: `/api/attachments/${a.id}`, alt: a.name.replace(/\.[a-z0-9]+$/i, '') })
        .run();
      setState({ done: true });
    } catch (e) {
      setState({ error: describe(e) });
    } finally {
      if (input.current) input.current.value = '';
    }
  };
  return (
    <span className="pb-image-tool">
      <label htmlFor={`${id}-f`} className="tool" title={t('pb.image')}>
        <span aria-hidden="true">🖼</span>
        <span className="sr-only">{t('pb.image')}</span>
      </label>
      <input
        ref={input}
        id={`${id}-f`}
        type="file"
        accept="image/png,image/jpeg,image/gif,image/webp"
        className="sr-only-input"
        disabled={state.busy !== undefined}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void insert(f);
        }}
      />
      {state.busy !== undefined && <progress max={1} value={state.busy} aria-label={t('pb.imageUploading')} />}
      {state.error && (
        <span role="alert" className="alert alert-error small">
          {state.error}
        </span>
      )}
      <span role="status" className="sr-only">
        {state.done ? t('pb.imageInserted') : ''}
      </span>
    </span>
  );
}
