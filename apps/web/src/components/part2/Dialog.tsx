import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';

/**
 * A modal dialog on the native `<dialog>` element (focus trapped and restored by the browser,
 * Escape closes), labelled by its heading.
 */
export function Dialog({ title, open, onClose, children }: { title: string; open: boolean; onClose(): void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const { t } = useI18n();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={id} onClose={onClose}>
      <div className="row-between">
        <h2 id={id}>{title}</h2>
        <button type="button" className="btn btn-quiet btn-small" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      {open && children}
    </dialog>
  );
}
