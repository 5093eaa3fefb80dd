import { useMutation } from '@tanstack/react-query';
import { useId, useState, type DragEvent } from 'react';
import { ApiError } from '../../api/client';
import { rawFetch, saveBlob } from '../../api/raw';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../part2/errors';

interface Report {
  created: number;
  updated: number;
  failed: { row: number; field?: string; code: string; message: string }[];
}

const TYPES: Record<string, string> = {
  csv: 'text/csv',
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A CSV cell quoted when needed; cells that a spreadsheet would run as a formula are neutralised. */
const cell = (v: unknown) => {
  let s = v === undefined || v === null ? '' : String(v);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",;\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Impor massal: drop or pick a file, dry run or not, then the row report as a table and a CSV. */
export function ImportPanel() {
  const { t } = useI18n();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [over, setOver] = useState(false);
  const [dryRun, setDryRun] = useState(false);
  const [createMissing, setCreateMissing] = useState(false);
  const run = useMutation({
    mutationFn: async () => {
      const ext = file!.name.split('.').pop()?.toLowerCase() ?? '';
      const q = new URLSearchParams();
      if (dryRun) q.set('dryRun', 'true');
      if (createMissing) q.set('createMissing', 'true');
      const res = await rawFetch('POST', `/api/innovations/import${q.size ? `?${q}` : ''}`, {
        body: file!,
        contentType: TYPES[ext] ?? file!.type ?? 'application/octet-stream',
      });
      return (await res.json()) as Report;
    },
  });
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) setFile(f);
  };
  const download = (r: Report) => {
    const lines = [
      ['row', 'field', 'code', 'message'].join(','),
      ...r.failed.map((f) => [f.row, f.field, f.code, f.message].map(cell).join(',')),
    ];
    saveBlob(
      new Blob([`created,${r.created}\nupdated,${r.updated}\n\n${lines.join('\n')}\n`], { type: 'text/csv' }),
      `laporan-impor-${file?.name.replace(/\.\w+$/, '') ?? 'inovasi'}.csv`,
    );
  };
  const r = run.data;
  return (
    <div>
      <form
        className="form card"
        onSubmit={(e) => {
          e.preventDefault();
          if (file) run.mutate();
        }}
      >
        <div
          className={`drop${over ? ' over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={drop}
        >
          <label htmlFor={`${id}-file`}>{t('cur.dropHere')}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,.json,.xlsx,text/csv,application/json"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          {file && <p className="muted">{file.name}</p>}
        </div>
        <label className="radio">
          <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
          {t('cur.dryRun')}
        </label>
        <label className="radio">
          <input type="checkbox" checked={createMissing} onChange={(e) => setCreateMissing(e.target.checked)} />
          {t('cur.createMissing')}
        </label>
        <div>
          <button type="submit" className="btn btn-primary" disabled={!file || run.isPending}>
            {run.isPending ? t('cur.running') : t('cur.run')}
          </button>
        </div>
        {run.error && (
          <p role="alert" className="alert alert-error">
            {run.error instanceof ApiError && run.error.status === 415 ? t('cur.unsupported') : errorText(run.error)}
          </p>
        )}
      </form>
      {r && (
        <section className="card" aria-labelledby={`${id}-report`}>
          <h2 id={`${id}-report`}>{t('cur.report')}</h2>
          <p role="status">{t('cur.summary', { created: r.created, updated: r.updated, failed: r.failed.length })}</p>
          {r.failed.length === 0 ? (
            <p className="alert alert-success">{t('cur.noFailures')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption>{t('cur.failedRows')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('cur.row')}</th>
                    <th scope="col">{t('cur.field')}</th>
                    <th scope="col">{t('cur.code')}</th>
                    <th scope="col">{t('cur.message')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.failed.map((f, i) => (
                    <tr key={i}>
                      <td>{f.row}</td>
                      <td>{f.field ?? ''}</td>
                      <td>
                        <code>{f.code}</code>
                      </td>
                      <td>{f.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <button type="button" className="btn" onClick={() => download(r)}>
            {t('cur.downloadReport')}
          </button>
        </section>
      )}
    </div>
  );
}
