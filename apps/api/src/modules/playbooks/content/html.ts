import sanitizeHtml from 'sanitize-html';
import { ATTACHMENT_SRC } from './schema';
import type { PmNode } from './prosemirror';

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const attr = (name: string, value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? ` ${name}="${escapeHtml(String(value))}"` : '';

function textHtml(n: PmNode): string {
  let t = escapeHtml(n.text ?? '');
  for (const m of n.marks ?? []) {
    const type = m.type.split('--')[0];
    if (type === 'bold') t = `<strong>${t}</strong>`;
    else if (type === 'italic') t = `<em>${t}</em>`;
    else if (type === 'strike') t = `<s>${t}</s>`;
    else if (type === 'underline') t = `<u>${t}</u>`;
    else if (type === 'code') t = `<code>${t}</code>`;
    else if (type === 'link' && typeof m.attrs?.href === 'string') t = `<a href="${escapeHtml(m.attrs.href)}">${t}</a>`;
  }
  return t;
}

function cell(tag: 'td' | 'th', n: PmNode): string {
  const span = (k: string) => (Number.isInteger(n.attrs?.[k]) && (n.attrs![k] as number) > 1 ? attr(k, n.attrs![k]) : '');
  return `<${tag}${span('colspan')}${span('rowspan')}>${htmlNodes(n.content)}</${tag}>`;
}

function htmlNodes(nodes: PmNode[] | undefined): string {
  return (nodes ?? [])
    .map((n) => {
      switch (n.type) {
        case 'text':
          return textHtml(n);
        case 'hardBreak':
          return '<br>';
        case 'heading': {
          const level = Math.min(6, Math.max(1, Number(n.attrs?.level) || 1));
          return `<h${level}>${htmlNodes(n.content)}</h${level}>`;
        }
        case 'paragraph':
          return `<p>${htmlNodes(n.content)}</p>`;
        case 'blockquote':
          return `<blockquote>${htmlNodes(n.content)}</blockquote>`;
        case 'codeBlock': {
          const lang = typeof n.attrs?.language === 'string' ? n.attrs.language.replace(/[^\w+#.-]/g, '') : '';
          const text = (n.content ?? []).map((c) => c.text ?? '').join('');
          return `<pre><code${lang ? ` class="language-${lang}"` : ''}>${escapeHtml(text)}</code></pre>`;
        }
        case 'bulletList':
          return `<ul>${htmlNodes(n.content)}</ul>`;
        case 'orderedList': {
          const start = Number(n.attrs?.start);
          return `<ol${Number.isInteger(start) && start !== 1 ? attr('start', start) : ''}>${htmlNodes(n.content)}</ol>`;
        }
        case 'listItem':
          return `<li>${htmlNodes(n.content)}</li>`;
        case 'horizontalRule':
          return '<hr>';
        case 'image': {
          const src = typeof n.attrs?.src === 'string' ? n.attrs.src : '';
          // Images point at attachments; anything else (a tracking pixel, javascript:) is left out.
          if (!ATTACHMENT_SRC.test(src)) return typeof n.attrs?.alt === 'string' ? escapeHtml(n.attrs.alt) : '';
          return `<img src="${escapeHtml(src)}"${attr('alt', n.attrs?.alt)}${attr('title', n.attrs?.title)}>`;
        }
        case 'table':
          return `<table><tbody>${htmlNodes(n.content)}</tbody></table>`;
        case 'tableRow':
          return `<tr>${htmlNodes(n.content)}</tr>`;
        case 'tableHeader':
          return cell('th', n);
        case 'tableCell':
          return cell('td', n);
        default:
          return htmlNodes(n.content);
      }
    })
    .join('');
}

/** Sanitised HTML body of a ProseMirror document (attribute values come from editors: never trusted). */
export function htmlOf(root: PmNode): string {
  return sanitizeHtml(htmlNodes(root.content), {
    allowedTags: [
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'p',
      'blockquote',
      'pre',
      'code',
      'ul',
      'ol',
      'li',
      'strong',
      'em',
      's',
      'u',
      'a',
      'br',
      'hr',
      'img',
      'table',
      'tbody',
      'tr',
      'th',
      'td',
    ],
    allowedAttributes: {
      a: ['href', 'rel'],
      img: ['src', 'alt', 'title'],
      th: ['colspan', 'rowspan'],
      td: ['colspan', 'rowspan'],
      ol: ['start'],
      code: ['class'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }) },
  });
}

/** A whole HTML document: charset, title, and what the export is (`meta` lines above the content). */
export function htmlDocument(title: string, metaLines: string[], body: string, meta: Record<string, string>): string {
  const metaTags = Object.entries(meta)
    .map(([k, v]) => `<meta name="${escapeHtml(k)}" content="${escapeHtml(v)}">`)
    .join('\n');
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
${metaTags}
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
${metaLines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}
</header>
<main>
${body}
</main>
</body>
</html>
`;
}
