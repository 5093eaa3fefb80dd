import { useState } from 'react';
import { call } from '../api/client';
import { useI18n } from '../i18n/i18n';

const FORMATS = [
  ['md', 'text/markdown'],
  ['html', 'text/html'],
  ['json', 'application/json'],
] as const;

/** Downloads the current content; fetched with the session's token, then saved from a blob. */
export function ExportButtons({ playbookId }: { playbookId: string }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const download = async (format: string, type: string) => {
    setError(null);
    try {
      const text = await call<string>('exportPlaybook', { params: { id: playbookId }, query: { format }, text: true });
      const url = URL.createObjectURL(new Blob([text], { type }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `playbook-${playbookId.slice(0, 8)}.${format}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section className="card" aria-labelledby="h-export">
      <h2 id="h-export" className="small-heading">
        {t('pb.export')}
      </h2>
      <div className="row wrap">
        {FORMATS.map(([f, type]) => (
          <button
            key={f}
            type="button"
            className="btn btn-small"
            onClick={() => void download(f, type)}
            aria-label={`${t('pb.export')} ${f.toUpperCase()}`}
          >
            {f.toUpperCase()}
          </button>
        ))}
      </div>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
