import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { call } from '../api/client';
import type { FacetBucket, InnovationList } from '../api/types';
import { VerificationFlag } from '../components/evidence/VerificationFlag';
import { ErrorBox, Loading } from '../components/States';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

const PAGE = 10;
/** Facet key in the answer → the list filter it sets. */
const FACETS: { facet: string; param: string; label: MessageKey }[] = [
  { facet: 'source', param: 'source', label: 'facet.source' },
  { facet: 'year', param: 'year', label: 'facet.year' },
  { facet: 'province', param: 'regionCode', label: 'facet.province' },
  { facet: 'region', param: 'regionCode', label: 'facet.region' },
  { facet: 'sector', param: 'sector', label: 'facet.sector' },
  { facet: 'stage', param: 'stage', label: 'facet.stage' },
  { facet: 'sustainability', param: 'sustainability', label: 'facet.sustainability' },
  { facet: 'sdg', param: 'sdg', label: 'facet.sdg' },
  { facet: 'digital', param: 'digital', label: 'facet.digital' },
];
const FILTERS = [...new Set(FACETS.map((f) => f.param))];

/** Katalog (/katalog?q=): search as you type, facets with counts, paging; all state in the URL. */
export function CataloguePage() {
  const { t } = useI18n();
  useTitle(t('cat.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('hal') ?? '1') || 1);
  const [text, setText] = useState(q);
  const hintId = useId();
  const [wide] = useState(() => window.matchMedia('(min-width: 861px)').matches);

  // Debounce typing into the URL (and so into the query): one request per pause, not per key.
  useEffect(() => {
    if (text === q) return;
    const timer = setTimeout(() => {
      const next = new URLSearchParams(params);
      if (text.trim()) next.set('q', text);
      else next.delete('q');
      next.delete('hal');
      setParams(next, { replace: true });
    }, 250);
    return () => clearTimeout(timer);
  }, [text, q, params, setParams]);

  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? undefined]));
  const list = useQuery({
    queryKey: ['innovations', q, filters, page],
    queryFn: ({ signal }) =>
      call<InnovationList>('innovations', {
        query: { q: q.trim() || undefined, ...filters, facets: true, limit: PAGE, offset: (page - 1) * PAGE },
        signal,
      }),
    placeholderData: keepPreviousData,
  });

  const setFilter = (param: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(param);
    else next.set(param, value);
    next.delete('hal');
    setParams(next);
  };
  const goPage = (n: number) => {
    const next = new URLSearchParams(params);
    next.set('hal', String(n));
    setParams(next);
  };
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE));
  const active = FILTERS.filter((f) => params.get(f));
  const facetLabel = (facet: string, b: FacetBucket) =>
    b.name ??
    b.label ??
    (facet === 'digital' ? t(b.key === 'true' ? 'facet.true' : 'facet.false') : facet === 'sdg' ? `TPB ${b.key}` : b.key);

  return (
    <div className="page">
      <h1>{t('cat.title')}</h1>
      <div className="search" role="search">
        <label htmlFor="cari">{t('cat.search')}</label>
        <input
          id="cari"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={hintId}
          autoComplete="off"
        />
        <p id={hintId} className="hint">
          {t('cat.searchHint')}
        </p>
      </div>
      <div className="catalogue">
        {/* Collapsed on phones, so results come first; open on wider screens. */}
        <details className="facets" open={wide}>
          <summary>
            <h2 id="h-filters" className="inline-heading">
              {t('cat.filters')}
              {active.length > 0 && ` (${active.length})`}
            </h2>
          </summary>
          {active.length > 0 && (
            <button type="button" className="btn btn-quiet" onClick={() => setParams(q ? { q } : {})}>
              {t('cat.clear')}
            </button>
          )}
          {FACETS.filter((f) => list.data?.facets?.[f.facet]?.length).map((f) => (
            <fieldset key={f.facet} className="facet">
              <legend>{t(f.label)}</legend>
              <ul>
                {list.data!.facets![f.facet].slice(0, 12).map((b) => {
                  const checked = params.get(f.param) === b.key;
                  return (
                    <li key={b.key}>
                      <label>
                        <input type="checkbox" checked={checked} onChange={() => setFilter(f.param, checked ? null : b.key)} />
                        <span>{facetLabel(f.facet, b)}</span>
                        <span className="count">{b.count}</span>
                      </label>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          ))}
        </details>
        <section aria-labelledby="h-results" className="results">
          <h2 id="h-results" aria-live="polite">
            {list.data ? t('cat.results', { total: list.data.total }) : t('common.loading')}
          </h2>
          {list.isPending ? (
            <Loading />
          ) : list.error ? (
            <ErrorBox error={list.error} onRetry={() => void list.refetch()} />
          ) : list.data.items.length === 0 ? (
            <p className="muted">{t('cat.noResults')}</p>
          ) : (
            <ul className="cards">
              {list.data.items.map((i) => (
                <li key={i.id} className="card innovation-card">
                  <h3>
                    <Link to={`/inovasi/${i.id}`}>{i.title}</Link>
                  </h3>
                  <p className="muted small">
                    {i.unit.name} · {i.region?.name ?? i.agency.name} · {i.year} · {i.source}
                  </p>
                  <p>{i.summary}</p>
                  <p className="small">
                    {i.award && <span className="tag tag-award">{i.award}</span>}
                    <span className="tag">{t('cat.replications', { count: i.replicationCount })}</span>
                    <VerificationFlag innovation={i} compact />
                  </p>
                </li>
              ))}
            </ul>
          )}
          {pages > 1 && (
            <nav className="pager" aria-label={t('common.page', { page, pages })}>
              <button type="button" className="btn" disabled={page <= 1} onClick={() => goPage(page - 1)}>
                {t('common.prev')}
              </button>
              <span>{t('common.page', { page, pages })}</span>
              <button type="button" className="btn" disabled={page >= pages} onClick={() => goPage(page + 1)}>
                {t('common.next')}
              </button>
            </nav>
          )}
        </section>
      </div>
    </div>
  );
}
