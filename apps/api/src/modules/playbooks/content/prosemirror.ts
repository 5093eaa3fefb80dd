import sanitizeHtml from 'sanitize-html';
import * as Y from 'yjs';

/**
 * The playbook document model: ProseMirror/Tiptap nodes in `ydoc.getXmlFragment('content')`
 * (as y-prosemirror stores them: elements named after node types, attributes as node attrs,
 * text marks as formatting attributes on XmlText). Read here for export, search and seeding.
 */
export const CONTENT = 'content';

export interface PmMark {
  type: string;
  attrs?: Record<string, unknown>;
}
export interface PmNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmNode[];
  text?: string;
  marks?: PmMark[];
}

/** The replication stages every new playbook starts with, each with a short prompt. */
export const STAGE_SECTIONS: [heading: string, prompt: string][] = [
  ['Persiapan', 'Siapa tim replikasi, apa masalah layanan yang ingin diselesaikan, dan dukungan apa yang sudah ada?'],
  ['Rencana & Pengembangan', 'Langkah, jadwal, anggaran dan penyesuaian inovasi dengan kondisi daerah Anda.'],
  ['Pelaksanaan', 'Catat apa yang dikerjakan, kendala yang muncul dan cara mengatasinya.'],
  ['Evaluasi', 'Ukur hasilnya: indikator, data sebelum dan sesudah, masukan pengguna layanan.'],
  ['Pelembagaan', 'Regulasi, anggaran rutin dan SOP yang menjamin inovasi berlanjut.'],
];

/** The initial content as one Yjs update (built once, at creation). */
export function stageSeedUpdate(): Uint8Array {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(CONTENT);
  const nodes: Y.XmlElement[] = [];
  for (const [heading, prompt] of STAGE_SECTIONS) {
    const h = new Y.XmlElement('heading');
    h.setAttribute('level', 2 as never);
    h.insert(0, [new Y.XmlText(heading)]);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(prompt)]);
    nodes.push(h, p);
  }
  fragment.insert(0, nodes);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

function textNodes(text: Y.XmlText): PmNode[] {
  const out: PmNode[] = [];
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== 'string' || !op.insert) continue;
    const node: PmNode = { type: 'text', text: op.insert };
    if (op.attributes && Object.keys(op.attributes).length) {
      node.marks = Object.entries(op.attributes).map(([type, value]) =>
        value && typeof value === 'object' && Object.keys(value).length ? { type, attrs: value as Record<string, unknown> } : { type },
      );
    }
    out.push(node);
  }
  return out;
}

function elementNode(el: Y.XmlElement): PmNode {
  const node: PmNode = { type: el.nodeName };
  const attrs = el.getAttributes() as Record<string, unknown>;
  if (Object.keys(attrs).length) node.attrs = attrs;
  const content = childNodes(el);
  if (content.length) node.content = content;
  return node;
}

function childNodes(parent: Y.XmlFragment | Y.XmlElement): PmNode[] {
  const out: PmNode[] = [];
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) out.push(...textNodes(child));
    else if (child instanceof Y.XmlElement) out.push(elementNode(child));
  }
  return out;
}

/** ProseMirror JSON of the document (`{type: 'doc', content}`). */
export function toProseMirrorJson(doc: Y.Doc): PmNode {
  return { type: 'doc', content: childNodes(doc.getXmlFragment(CONTENT)) };
}

const BLOCKS = new Set(['paragraph', 'heading', 'blockquote', 'codeBlock', 'bulletList', 'orderedList', 'listItem']);

/** The words of the document, one block per line (for search). */
export function toPlainText(doc: Y.Doc): string {
  const lines: string[] = [];
  const walk = (nodes: PmNode[] | undefined, line: string[]): void => {
    for (const n of nodes ?? []) {
      if (n.type === 'text') line.push(n.text ?? '');
      else if (n.type === 'hardBreak') line.push(' ');
      else if (BLOCKS.has(n.type) && !n.content?.some((c) => BLOCKS.has(c.type))) {
        const own: string[] = [];
        walk(n.content, own);
        if (own.join('').trim()) lines.push(own.join(''));
      } else walk(n.content, line);
    }
  };
  const rest: string[] = [];
  walk(toProseMirrorJson(doc).content, rest);
  if (rest.join('').trim()) lines.push(rest.join(''));
  return lines.join('\n');
}

// Raw HTML in Markdown would reach whoever renders it: `<` and `>` are escaped too.
const escapeMd = (s: string) => s.replace(/([\\`*_[\]<>])/g, '\\$1');

function inlineMd(nodes: PmNode[] | undefined, code = false): string {
  return (nodes ?? [])
    .map((n) => {
      if (n.type === 'hardBreak') return '  \n';
      if (n.type !== 'text') return inlineMd(n.content, code);
      if (code) return n.text ?? '';
      let t = escapeMd(n.text ?? '');
      const marks = new Map((n.marks ?? []).map((m) => [m.type, m]));
      if (marks.has('code')) t = '`' + (n.text ?? '').replace(/`/g, '') + '`';
      if (marks.has('bold')) t = `**${t}**`;
      if (marks.has('italic')) t = `_${t}_`;
      const link = marks.get('link');
      const href = link && typeof link.attrs?.href === 'string' ? link.attrs.href : '';
      // Only safe schemes become links; anything else (javascript:, data:) stays plain text.
      if (href && /^(https?:|mailto:|\/|#)/i.test(href)) t = `[${t}](${href.replace(/[()\s<>]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'))})`;
      return t;
    })
    .join('');
}

function blockMd(n: PmNode, indent: string): string {
  const children = n.content ?? [];
  switch (n.type) {
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(n.attrs?.level) || 1));
      return `${indent}${'#'.repeat(level)} ${inlineMd(children)}`;
    }
    case 'paragraph':
      return indent + inlineMd(children);
    case 'blockquote':
      return children.map((c) => blockMd(c, '')).join('\n\n').split('\n').map((l) => `${indent}> ${l}`.trimEnd()).join('\n');
    case 'codeBlock': {
      const lang = typeof n.attrs?.language === 'string' ? n.attrs.language : '';
      return `${indent}\`\`\`${lang}\n${inlineMd(children, true)}\n${indent}\`\`\``;
    }
    case 'bulletList':
    case 'orderedList':
      return children
        .map((item, i) => {
          const marker = n.type === 'orderedList' ? `${i + 1}. ` : '- ';
          const inner = (item.content ?? []).map((c) => blockMd(c, '')).join('\n');
          const [first, ...rest] = inner.split('\n');
          return [indent + marker + first, ...rest.map((l) => indent + ' '.repeat(marker.length) + l)].join('\n');
        })
        .join('\n');
    case 'horizontalRule':
      return `${indent}---`;
    default:
      return children.some((c) => c.type === 'text') ? indent + inlineMd(children) : children.map((c) => blockMd(c, indent)).join('\n\n');
  }
}

/** Markdown of the document. */
export function toMarkdown(doc: Y.Doc): string {
  return (toProseMirrorJson(doc).content ?? []).map((n) => blockMd(n, '')).join('\n\n') + '\n';
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function inlineHtml(nodes: PmNode[] | undefined): string {
  return (nodes ?? [])
    .map((n) => {
      if (n.type === 'hardBreak') return '<br>';
      if (n.type !== 'text') return htmlNodes(n.content);
      let t = escapeHtml(n.text ?? '');
      for (const m of n.marks ?? []) {
        if (m.type === 'bold') t = `<strong>${t}</strong>`;
        else if (m.type === 'italic') t = `<em>${t}</em>`;
        else if (m.type === 'code') t = `<code>${t}</code>`;
        else if (m.type === 'link' && typeof m.attrs?.href === 'string') t = `<a href="${escapeHtml(m.attrs.href)}">${t}</a>`;
      }
      return t;
    })
    .join('');
}

function htmlNodes(nodes: PmNode[] | undefined): string {
  return (nodes ?? [])
    .map((n) => {
      switch (n.type) {
        case 'text':
        case 'hardBreak':
          return inlineHtml([n]);
        case 'heading': {
          const level = Math.min(6, Math.max(1, Number(n.attrs?.level) || 1));
          return `<h${level}>${inlineHtml(n.content)}</h${level}>`;
        }
        case 'paragraph':
          return `<p>${inlineHtml(n.content)}</p>`;
        case 'blockquote':
          return `<blockquote>${htmlNodes(n.content)}</blockquote>`;
        case 'codeBlock':
          return `<pre><code>${escapeHtml((n.content ?? []).map((c) => c.text ?? '').join(''))}</code></pre>`;
        case 'bulletList':
          return `<ul>${htmlNodes(n.content)}</ul>`;
        case 'orderedList':
          return `<ol>${htmlNodes(n.content)}</ol>`;
        case 'listItem':
          return `<li>${htmlNodes(n.content)}</li>`;
        case 'horizontalRule':
          return '<hr>';
        default:
          return htmlNodes(n.content);
      }
    })
    .join('');
}

/** Sanitised HTML of the document (attribute values come from editors, so never trusted). */
export function toHtml(doc: Y.Doc): string {
  return sanitizeHtml(htmlNodes(toProseMirrorJson(doc).content), {
    allowedTags: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'blockquote', 'pre', 'code', 'ul', 'ol', 'li', 'strong', 'em', 'a', 'br', 'hr'],
    allowedAttributes: { a: ['href', 'rel'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }) },
  });
}
