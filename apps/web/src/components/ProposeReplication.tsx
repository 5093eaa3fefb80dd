import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { call } from '../api/client';
import { useUnit } from '../api/hooks';
import type { Replication } from '../api/types';
import { useAuth } from '../auth/session';
import { useI18n } from '../i18n/i18n';

function UnitOption({ unitId }: { unitId: string }) {
  const unit = useUnit(unitId);
  return <option value={unitId}>{unit.data ? `${unit.data.name}${unit.data.agency ? ` — ${unit.data.agency.name}` : ''}` : unitId}</option>;
}

/** "Replikasi inovasi ini": a member of a unit proposes that unit as the replicating one. */
export function ProposeReplication({ innovationId, originUnitId }: { innovationId: string; originUnitId: string }) {
  const { t } = useI18n();
  const { session, me } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [model, setModel] = useState('mandiri');
  const propose = useMutation({
    mutationFn: (body: Record<string, string>) => call<Replication>('proposeReplication', { params: { id: innovationId }, body }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['replications'] });
      navigate(`/replikasi/${r.id}`);
    },
  });
  if (!session) return null;
  const units = (me?.memberships ?? []).map((m) => m.unitId).filter((u) => u !== originUnitId);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body: Record<string, string> = { replicatingUnitId: String(f.get('unit')), model };
    const facilitator = String(f.get('facilitator') ?? '').trim();
    if (facilitator) body.facilitatorUnitId = facilitator;
    propose.mutate(body);
  };

  return (
    <section className="card" aria-labelledby="h-propose">
      <h2 id="h-propose">{t('inn.replicateTitle')}</h2>
      {units.length === 0 ? (
        <p className="muted">{t('inn.noUnit')}</p>
      ) : !open ? (
        <button type="button" className="btn btn-primary" onClick={() => setOpen(true)}>
          {t('inn.replicate')}
        </button>
      ) : (
        <form className="form" onSubmit={submit}>
          <div className="field">
            <label htmlFor="rep-unit">{t('inn.replicatingUnit')}</label>
            <select id="rep-unit" name="unit" required>
              {units.map((u) => (
                <UnitOption key={u} unitId={u} />
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="rep-model">{t('inn.model')}</label>
            <select id="rep-model" name="model" value={model} onChange={(e) => setModel(e.target.value)}>
              <option value="mandiri">{t('model.mandiri')}</option>
              <option value="kerja_sama">{t('model.kerja_sama')}</option>
              <option value="fasilitasi">{t('model.fasilitasi')}</option>
            </select>
          </div>
          {model === 'fasilitasi' && (
            <div className="field">
              <label htmlFor="rep-fac">{t('inn.facilitator')}</label>
              <input id="rep-fac" name="facilitator" required aria-describedby="rep-fac-hint" />
              <p id="rep-fac-hint" className="hint">
                {t('inn.facilitatorHint')}
              </p>
            </div>
          )}
          {propose.error && (
            <p className="alert alert-error" role="alert">
              {propose.error.message}
            </p>
          )}
          <div className="row">
            <button type="submit" className="btn btn-primary" disabled={propose.isPending}>
              {t('inn.propose')}
            </button>
            <button type="button" className="btn" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
