import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { call } from '../../api/client';
import { INNOVATION_STAGES, SUSTAINABILITY_STATUSES, type CampaignItem } from '../../api/evidence-types';
import { useInnovation } from '../../api/hooks';
import { errorText } from '../../components/part2/errors';
import { ErrorBox, Loading } from '../../components/States';
import { useTitle } from '../../components/useTitle';
import { useI18n } from '../../i18n/i18n';
import '../../components/evidence/evidence.css';

/** Pemutakhiran (/pemutakhiran, linked from the campaign mails): the origin unit confirms or updates its innovations. */
export default function RefreshPage() {
  const { t } = useI18n();
  useTitle(t('ref.title'));
  const [confirmed, setConfirmed] = useState<string[]>([]);
  const requests = useQuery({
    queryKey: ['refreshRequests'],
    queryFn: () => call<{ items: CampaignItem[]; total: number }>('myRefreshRequests'),
  });
  return (
    <div className="page">
      <h1>{t('ref.title')}</h1>
      <p>{t('ref.intro')}</p>
      {confirmed.map((title) => (
        <p key={title} className="alert alert-success" role="status">
          {t('ref.confirmed', { title })}
        </p>
      ))}
      {requests.isPending ? (
        <Loading />
      ) : requests.error ? (
        <ErrorBox error={requests.error} />
      ) : requests.data.items.length === 0 ? (
        <p className="muted">{t('ref.none')}</p>
      ) : (
        requests.data.items.map((item) => (
          <ConfirmForm
            key={`${item.campaignId}/${item.innovationId}`}
            item={item}
            onDone={() => setConfirmed((c) => [...c, item.innovationTitle])}
          />
        ))
      )}
    </div>
  );
}

function ConfirmForm({ item, onDone }: { item: CampaignItem; onDone: () => void }) {
  const { t, formatDate } = useI18n();
  const qc = useQueryClient();
  const id = useId();
  const innovation = useInnovation(item.innovationId);
  const i = innovation.data;
  // The card (title, unit, campaign) shows at once, in the list's order; only the form waits
  // for the innovation's current values.
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        <Link to={`/inovasi/${item.innovationId}`}>{item.innovationTitle}</Link>
      </h2>
      <p className="small muted">
        {item.unitName} ·{' '}
        {t('ref.campaign', { title: item.campaignTitle ?? '', date: item.deadline ? formatDate(item.deadline, true) : '–' })}
      </p>
      {innovation.error ? (
        <ErrorBox error={innovation.error} />
      ) : !i ? (
        <Loading />
      ) : (
        <Fields
          item={item}
          initial={{
            stage: i.stage ?? '',
            sustainability: i.sustainability ?? '',
            name: i.contact?.name ?? '',
            email: i.contact?.email ?? '',
            phone: i.contact?.phone ?? '',
          }}
          onDone={() => {
            onDone();
            void qc.invalidateQueries({ queryKey: ['refreshRequests'] });
            void qc.invalidateQueries({ queryKey: ['innovation', item.innovationId] });
          }}
        />
      )}
    </section>
  );
}

type Values = { stage: string; sustainability: string; name: string; email: string; phone: string };

function Fields({ item, initial, onDone }: { item: CampaignItem; initial: Values; onDone: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [v, setV] = useState<Values & { note: string }>({ ...initial, note: '' });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV((old) => ({ ...old, [k]: e.target.value }));
  const confirm = useMutation({
    mutationFn: () => {
      const contact = { name: v.name.trim(), email: v.email.trim(), phone: v.phone.trim() };
      const given = Object.fromEntries(Object.entries(contact).filter(([, x]) => x));
      return call<CampaignItem>('confirmRefresh', {
        params: { id: item.campaignId, innovationId: item.innovationId },
        body: {
          ...(v.stage ? { stage: v.stage } : {}),
          ...(v.sustainability ? { sustainability: v.sustainability } : {}),
          ...(Object.keys(given).length ? { contact: given } : {}),
          ...(v.note.trim() ? { note: v.note.trim() } : {}),
        },
      });
    },
    onSuccess: onDone,
  });
  const input = (k: keyof typeof v, label: 'ref.contactName' | 'ref.contactEmail' | 'ref.contactPhone', type = 'text') => (
    <div className="field">
      <label htmlFor={`${id}-${k}`}>{t(label)}</label>
      <input id={`${id}-${k}`} type={type} maxLength={200} value={v[k]} onChange={set(k)} />
    </div>
  );
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        confirm.mutate();
      }}
    >
      <div className="row wrap">
        <div className="field">
          <label htmlFor={`${id}-stage`}>{t('inn.stage')}</label>
          <select id={`${id}-stage`} value={v.stage} onChange={set('stage')}>
            <option value="">–</option>
            {INNOVATION_STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`istage.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-sust`}>{t('inn.sustainability')}</label>
          <select id={`${id}-sust`} value={v.sustainability} onChange={set('sustainability')}>
            <option value="">–</option>
            {SUSTAINABILITY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`sust.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="row wrap">
        {input('name', 'ref.contactName')}
        {input('email', 'ref.contactEmail', 'email')}
        {input('phone', 'ref.contactPhone', 'tel')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('ref.note')}</label>
        <textarea id={`${id}-note`} rows={2} maxLength={2000} value={v.note} onChange={set('note')} />
      </div>
      <div>
        <button type="submit" className="btn btn-primary" disabled={confirm.isPending}>
          {t('ref.confirm')}
        </button>
      </div>
      {confirm.error && (
        <p className="alert alert-error" role="alert">
          {errorText(confirm.error)}
        </p>
      )}
    </form>
  );
}
