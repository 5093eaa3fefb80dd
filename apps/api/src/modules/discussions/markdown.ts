import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Mentions are written `@[Display name](userId)`: explicit ids, so renaming a user or two users
 * sharing a name never notifies the wrong person.
 */
const MENTION = /@\[([^\]\n]{1,100})\]\(([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\)/g;

// Raw HTML in the source is escaped, not interpreted; the sanitiser below is the second wall.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    's',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'rel', 'class', 'data-user-id'], ol: ['start'], th: ['style'], td: ['style'] },
  allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  allowedClasses: { a: ['mention'] },
  disallowedTagsMode: 'escape',
  transformTags: {
    // Only absolute http(s)/mailto links and site-relative paths: odd relative hrefs such as
    // `jav%09ascript:` are harmless in browsers today but have no legitimate use here.
    a: (tagName, attribs) => {
      const { href, ...rest } = attribs;
      const out: sanitizeHtml.Attributes = {};
      if (href && /^(https?:\/\/|mailto:|\/(?!\/))/i.test(href)) out.href = href;
      return { tagName, attribs: Object.assign(out, rest, { rel: 'nofollow noopener' }) };
    },
  },
};

/** User ids mentioned in a Markdown source, deduplicated, in order. */
export function extractMentions(source: string): string[] {
  return [...new Set([...source.matchAll(MENTION)].map((m) => m[2].toLowerCase()))];
}

/** Markdown → sanitised HTML. The source is stored beside it; this is deterministic. */
export function renderMarkdown(source: string): string {
  const withMentions = source.replace(
    MENTION,
    (_all, name: string, id: string) => `[@${name.replace(/[[\]]/g, '')}](/users/${id.toLowerCase()})`,
  );
  let html = md.render(withMentions);
  // Mark mention links so clients can style them (after rendering: never trust source attributes).
  html = html.replace(/<a href="\/users\/([0-9a-f-]{36})">/g, '<a href="/users/$1" class="mention" data-user-id="$1">');
  return sanitizeHtml(html, SANITIZE).trim();
}
