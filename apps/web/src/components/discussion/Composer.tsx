import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { searchPeople, type PersonHit } from '../../api/raw';
import { useI18n } from '../../i18n/i18n';
import { mentionQuery, previewHtml } from './markdown';

/**
 * A Markdown editor with a Tulis / Pratinjau switch and @mention autocomplete (a combobox over a
 * listbox). People come from `GET /api/users?q=` when the server has it, else from `known`
 * (the thread's participants). A chosen person is written `@[Name](id)`, as the server expects.
 */
export function Composer({
  value,
  onChange,
  onSubmit,
  submitLabel,
  disabled,
  busy,
  known,
  label,
  autoFocus,
  onCancel,
  textareaId,
}: {
  value: string;
  onChange(v: string): void;
  onSubmit(): void;
  submitLabel: string;
  disabled?: boolean;
  busy?: boolean;
  known: PersonHit[];
  label: string;
  autoFocus?: boolean;
  onCancel?: () => void;
  /** A fixed id for the textarea, so other controls can move focus to it. */
  textareaId?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const textId = textareaId ?? `${id}-text`;
  const ref = useRef<HTMLTextAreaElement>(null);
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [hits, setHits] = useState<PersonHit[]>([]);
  const [active, setActive] = useState(0);
  const serverSearch = useRef<boolean | null>(null);

  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus]);

  useEffect(() => {
    if (!mention) return setHits([]);
    let stale = false;
    const q = mention.query.toLowerCase();
    const local = known.filter((p) => p.name.toLowerCase().includes(q)).slice(0, 8);
    setHits(local);
    if (serverSearch.current === false) return;
    const timer = setTimeout(() => {
      searchPeople(mention.query)
        .then((found) => {
          if (found === null) serverSearch.current = false;
          else if (!stale) setHits(found.slice(0, 8));
        })
        .catch(() => undefined);
    }, 200);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [mention, known]);

  const open = !!mention && hits.length > 0 && mode === 'write';
  const html = useMemo(() => (mode === 'preview' ? previewHtml(value) : ''), [mode, value]);

  const pick = (p: PersonHit) => {
    if (!mention) return;
    const caret = ref.current?.selectionStart ?? value.length;
    const insert = `@[${p.name.replace(/[[\]]/g, '')}](${p.id}) `;
    const next = value.slice(0, mention.start) + insert + value.slice(caret);
    onChange(next);
    setMention(null);
    requestAnimationFrame(() => {
      const pos = mention.start + insert.length;
      ref.current?.focus();
      ref.current?.setSelectionRange(pos, pos);
    });
  };

  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (e.key === 'ArrowDown') return (e.preventDefault(), setActive((a) => (a + 1) % hits.length));
      if (e.key === 'ArrowUp') return (e.preventDefault(), setActive((a) => (a - 1 + hits.length) % hits.length));
      if (e.key === 'Enter' || e.key === 'Tab') return (e.preventDefault(), pick(hits[active]));
      if (e.key === 'Escape') return (e.preventDefault(), setMention(null));
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && value.trim() && !disabled) {
      e.preventDefault();
      onSubmit();
    }
  };

  const sync = (el: HTMLTextAreaElement) => {
    setMention(mentionQuery(el.value, el.selectionStart));
    setActive(0);
  };

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim() && !disabled) onSubmit();
      }}
    >
      <div className="row-between">
        <label htmlFor={textId}>{label}</label>
        <div className="seg" role="group" aria-label={`${t('disc.write')} / ${t('disc.preview')}`}>
          <button type="button" className="btn btn-small" aria-pressed={mode === 'write'} onClick={() => setMode('write')}>
            {t('disc.write')}
          </button>
          <button type="button" className="btn btn-small" aria-pressed={mode === 'preview'} onClick={() => setMode('preview')}>
            {t('disc.preview')}
          </button>
        </div>
      </div>
      <div className="composer-box" hidden={mode !== 'write'}>
        <textarea
          id={textId}
          ref={ref}
          rows={4}
          value={value}
          disabled={disabled}
          aria-describedby={`${id}-hint`}
          aria-autocomplete="list"
          aria-controls={`${id}-list`}
          aria-activedescendant={open ? `${id}-opt-${active}` : undefined}
          onChange={(e) => {
            onChange(e.target.value);
            sync(e.target);
          }}
          onKeyDown={onKey}
          onClick={(e) => sync(e.currentTarget)}
          onBlur={() => setTimeout(() => setMention(null), 150)}
        />
        <ul id={`${id}-list`} role="listbox" aria-label={t('disc.mentionList')} className="mentions" hidden={!open}>
          {open &&
            hits.map((p, i) => (
              <li
                key={p.id}
                id={`${id}-opt-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(p);
                }}
              >
                <strong>{p.name}</strong>
                {p.units?.[0] && <span className="muted small"> — {p.units[0].name}</span>}
              </li>
            ))}
        </ul>
      </div>
      {mode === 'preview' && (
        <div className="preview prose" aria-live="polite">
          {value.trim() ? <div dangerouslySetInnerHTML={{ __html: html }} /> : <p className="muted">{t('disc.previewEmpty')}</p>}
        </div>
      )}
      <p id={`${id}-hint`} className="hint">
        {t('disc.markdownHint')} {open && t('disc.mentionHint')}
      </p>
      <div className="row wrap">
        <button type="submit" className="btn btn-primary" disabled={disabled || busy || !value.trim()}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
