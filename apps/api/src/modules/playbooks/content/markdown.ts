import { ATTACHMENT_SRC } from './schema';
import { PmMark, PmNode, toProseMirrorJson } from './prosemirror';

// Raw HTML in Markdown would reach whoever renders it: `<` and `>` are escaped too.
const escapeMd = (s: string) => s.replace(/([\\`*_[\]<>~|])/g, '\\$1');
/** A line starting like a block (`# `, `- `, `> `, `1. `) would become one: escape its start. */
const escapeLineStart = (s: string) => s.replace(/^(\s*)([#>+-]|\d+[.)])/, '$1\\$2');

/** The longest run of backticks in `s`. */
function longestBacktickRun(s: string): number {
  let best = 0;
  for (const m of s.matchAll(/`+/g)) best = Math.max(best, m[0].length);
  return best;
}

/** Inline code whose delimiter is longer than any backtick run inside. */
function inlineCode(text: string): string {
  const fence = '`'.repeat(longestBacktickRun(text) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

const SAFE_HREF = /^(https?:|mailto:|\/|#)/i;
const escapeUrl = (href: string) => href.replace(/[()\s<>]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));

function markedText(n: PmNode): string {
  const marks = new Map<string, PmMark>((n.marks ?? []).map((m) => [m.type.split('--')[0]!, m]));
  const full = n.text ?? '';
  if (!marks.size) return escapeMd(full);
  // Delimiters must touch text (`**a**`, not `** a**`): edge spaces stay outside the marks.
  const [, lead, raw, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(full)!;
  if (!raw) return escapeMd(full);
  let t = marks.has('code') ? inlineCode(raw!) : escapeMd(raw!);
  if (marks.has('bold')) t = `**${t}**`;
  if (marks.has('italic')) t = `_${t}_`;
  if (marks.has('strike')) t = `~~${t}~~`;
  // Underline has no Markdown form (and raw HTML is never written): the text stays plain.
  const link = marks.get('link');
  const href = link && typeof link.attrs?.href === 'string' ? link.attrs.href : '';
  // Only safe schemes become links; anything else (javascript:, data:) stays plain text.
  if (href && SAFE_HREF.test(href)) t = `[${t}](${escapeUrl(href)})`;
  return lead + t + trail;
}

function imageMd(n: PmNode): string {
  const src = typeof n.attrs?.src === 'string' ? n.attrs.src : '';
  const alt = escapeMd(typeof n.attrs?.alt === 'string' ? n.attrs.alt : '');
  if (!ATTACHMENT_SRC.test(src)) return alt;
  const title = typeof n.attrs?.title === 'string' && n.attrs.title ? ` "${n.attrs.title.replace(/["\\]/g, '\\$&')}"` : '';
  return `![${alt}](${escapeUrl(src)}${title})`;
}

function inlineMd(nodes: PmNode[] | undefined): string {
  return (nodes ?? [])
    .map((n) => {
      if (n.type === 'text') return markedText(n);
      if (n.type === 'hardBreak') return '  \n';
      if (n.type === 'image') return imageMd(n);
      return inlineMd(n.content);
    })
    .join('');
}

const plain = (nodes: PmNode[] | undefined): string =>
  (nodes ?? []).map((n) => (n.type === 'text' ? (n.text ?? '') : n.type === 'hardBreak' ? '\n' : plain(n.content))).join('');

function tableMd(n: PmNode): string {
  const rows = (n.content ?? []).map((row) =>
    (row.content ?? []).map((cell) => (cell.content ?? []).map((c) => inlineMd(c.content ?? [c]).replace(/\n/g, ' ')).join(' ')),
  );
  if (!rows.length) return '';
  const width = Math.max(1, ...rows.map((r) => r.length));
  const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
  return [line(rows[0]!), `|${' --- |'.repeat(width)}`, ...rows.slice(1).map(line)].join('\n');
}

function blockMd(n: PmNode): string {
  const children = n.content ?? [];
  switch (n.type) {
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(n.attrs?.level) || 1));
      return `${'#'.repeat(level)} ${inlineMd(children)}`;
    }
    case 'paragraph':
      return escapeLineStart(inlineMd(children));
    case 'blockquote':
      return children
        .map(blockMd)
        .join('\n\n')
        .split('\n')
        .map((l) => `> ${l}`.trimEnd())
        .join('\n');
    case 'codeBlock': {
      const code = plain(children);
      // A fence longer than any backtick run inside, so the code can never end it.
      const fence = '`'.repeat(Math.max(3, longestBacktickRun(code) + 1));
      const lang = typeof n.attrs?.language === 'string' ? n.attrs.language.replace(/[^\w+#.-]/g, '') : '';
      return `${fence}${lang}\n${code}\n${fence}`;
    }
    case 'bulletList':
    case 'orderedList': {
      const start = n.type === 'orderedList' ? Math.max(0, Math.floor(Number(n.attrs?.start ?? 1)) || 1) : 1;
      return children
        .map((item, i) => {
          const marker = n.type === 'orderedList' ? `${start + i}. ` : '- ';
          const inner = (item.type === 'listItem' ? (item.content ?? []) : [item]).map(blockMd).join('\n');
          const [first, ...rest] = inner.split('\n');
          return [marker + (first ?? ''), ...rest.map((l) => (l ? ' '.repeat(marker.length) + l : l))].join('\n');
        })
        .join('\n');
    }
    case 'horizontalRule':
      return '---';
    case 'image':
      return imageMd(n);
    case 'table':
      return tableMd(n);
    case 'text':
    case 'hardBreak':
      return inlineMd([n]);
    default:
      return children.some((c) => c.type === 'text') ? inlineMd(children) : children.map(blockMd).join('\n\n');
  }
}

/** Markdown of a ProseMirror document (no raw HTML ever). */
export function markdownOf(root: PmNode): string {
  return (root.content ?? []).map(blockMd).join('\n\n') + '\n';
}

/** Markdown of a live document. */
export const toMarkdown = (doc: import('yjs').Doc): string => markdownOf(toProseMirrorJson(doc));
