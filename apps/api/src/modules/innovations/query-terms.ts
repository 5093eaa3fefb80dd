/**
 * Query text → search terms. Most words are matched by stem, exact form, a prefix (the last
 * word) and typo widening; acronyms are not: `SIAK` widened by typo tolerance finds "Siaga".
 * An acronym (a short all-caps token, or a known abbreviation below) matches exactly, or by
 * its spelled-out forms as phrases. A spelled-out form typed in full also finds the acronym.
 */

/** Known abbreviations of Indonesian public administration and the phrases they stand for. */
export const SYNONYMS: readonly { acronym: string; phrases: readonly string[] }[] = [
  { acronym: 'siak', phrases: ['sistem informasi administrasi kependudukan'] },
  { acronym: 'adminduk', phrases: ['administrasi kependudukan'] },
  { acronym: 'dukcapil', phrases: ['kependudukan dan pencatatan sipil', 'disdukcapil', 'dispendukcapil'] },
  { acronym: 'disdukcapil', phrases: ['kependudukan dan pencatatan sipil', 'dukcapil'] },
  { acronym: 'dispendukcapil', phrases: ['kependudukan dan pencatatan sipil', 'dukcapil'] },
  { acronym: 'ptsp', phrases: ['pelayanan terpadu satu pintu', 'dpmptsp'] },
  { acronym: 'dpmptsp', phrases: ['penanaman modal dan pelayanan terpadu satu pintu', 'ptsp'] },
  { acronym: 'puskesmas', phrases: ['pusat kesehatan masyarakat'] },
  { acronym: 'posyandu', phrases: ['pos pelayanan terpadu'] },
  { acronym: 'ktp', phrases: ['kartu tanda penduduk'] },
  { acronym: 'kk', phrases: ['kartu keluarga'] },
  { acronym: 'umkm', phrases: ['usaha mikro kecil dan menengah', 'usaha mikro kecil menengah'] },
  { acronym: 'nib', phrases: ['nomor induk berusaha'] },
  { acronym: 'oss', phrases: ['online single submission'] },
  { acronym: 'mpp', phrases: ['mal pelayanan publik'] },
  { acronym: 'bumdes', phrases: ['badan usaha milik desa'] },
  { acronym: 'pbb', phrases: ['pajak bumi dan bangunan'] },
  { acronym: 'bpjs', phrases: ['badan penyelenggara jaminan sosial'] },
  { acronym: 'panrb', phrases: ['pendayagunaan aparatur negara dan reformasi birokrasi'] },
  { acronym: 'kemenpanrb', phrases: ['pendayagunaan aparatur negara dan reformasi birokrasi'] },
  { acronym: 'bappeda', phrases: ['badan perencanaan pembangunan daerah'] },
  { acronym: 'diskominfo', phrases: ['komunikasi dan informatika', 'kominfo'] },
  { acronym: 'kominfo', phrases: ['komunikasi dan informatika', 'diskominfo'] },
  { acronym: 'dinkes', phrases: ['dinas kesehatan'] },
];

export const MAX_QUERY_TERMS = 8;

/** A word matched loosely (stem, exact, prefix if last, typo widening). */
export interface WordTerm {
  n: number;
  w: string;
  last: boolean;
}
/** An alternative of term `n`: a phrase of exact words (`phrase`) or all its words by stem or exact form (`all`). */
export interface PhraseAlt {
  n: number;
  p: string;
  loose: boolean;
}
/** The parsed query: every term `n` must match (or any, as the fallback). */
export interface QueryTerms {
  words: WordTerm[];
  alts: PhraseAlt[];
  count: number;
}

const BY_ACRONYM = new Map(SYNONYMS.map((s) => [s.acronym, s.phrases]));
/** Spelled-out phrases (as word lists), longest first, with the acronyms they stand for. */
const BY_PHRASE = (() => {
  const m = new Map<string, Set<string>>();
  for (const s of SYNONYMS) for (const p of s.phrases) if (p.includes(' ')) m.set(p, (m.get(p) ?? new Set()).add(s.acronym));
  return [...m.entries()]
    .map(([p, acronyms]) => ({ words: p.split(' '), acronyms: [...acronyms] }))
    .sort((a, b) => b.words.length - a.words.length);
})();

/** Letters and digits only, accents dropped: the normalisation PostgreSQL applies (unaccent), so terms inline safely. */
const tokens = (q: string) =>
  q
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length >= 2 && w.length <= 40);

/** `SIAK`, `PTSP`, `SP4N`: 2–6 characters, all capitals (digits allowed), at least two letters. */
export const looksLikeAcronym = (raw: string) => /^[A-Z0-9]{2,6}$/.test(raw) && (raw.match(/[A-Z]/g)?.length ?? 0) >= 2;

export function parseQuery(q: string | undefined | null): QueryTerms {
  const raw = q ? tokens(q) : [];
  const lower = raw.map((w) => w.toLowerCase());
  const words: WordTerm[] = [];
  const alts: PhraseAlt[] = [];
  const seen = new Set<string>();
  let n = 0;
  for (let i = 0; i < raw.length && n < MAX_QUERY_TERMS;) {
    const phrase = BY_PHRASE.find((p) => p.words.every((w, k) => lower[i + k] === w));
    if (phrase) {
      // "administrasi kependudukan" also finds "adminduk".
      n++;
      alts.push({ n, p: phrase.words.join(' '), loose: true }, ...phrase.acronyms.map((a) => ({ n, p: a, loose: false })));
      i += phrase.words.length;
      continue;
    }
    const w = lower[i];
    const original = raw[i];
    i++;
    if (seen.has(w)) continue;
    seen.add(w);
    n++;
    const expansions = BY_ACRONYM.get(w);
    if (expansions || looksLikeAcronym(original)) {
      alts.push({ n, p: w, loose: false }, ...(expansions ?? []).map((p) => ({ n, p, loose: false })));
    } else {
      words.push({ n, w, last: false });
    }
  }
  // The last term typed may be unfinished: it also matches as a prefix (only if it is a plain word).
  const lastWord = words[words.length - 1];
  if (lastWord && lastWord.n === n) lastWord.last = true;
  return { words, alts, count: n };
}
