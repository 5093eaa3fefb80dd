import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en, id, type MessageKey } from './messages';

export type Locale = 'id' | 'en';
const catalogues: Record<Locale, Record<MessageKey, string>> = { id, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  locale: Locale;
  t: Translate;
  setLocale(l: Locale): void;
  formatDate(iso: string, withTime?: boolean): string;
}

const Ctx = createContext<I18n | null>(null);

export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const text: string = catalogues[locale][key] ?? id[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => (localStorage.getItem('jk.locale') === 'en' ? 'en' : 'id'));
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem('jk.locale', l);
    document.documentElement.lang = l;
    setLocaleState(l);
  }, []);
  const value = useMemo<I18n>(() => {
    const dtf = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium' });
    const dtt = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
    return {
      locale,
      setLocale,
      t: (key, vars) => translate(locale, key, vars),
      formatDate: (iso, withTime) => (withTime ? dtt : dtf).format(new Date(iso)),
    };
  }, [locale, setLocale]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
