import MarkdownIt from 'markdown-it';

// The same settings as the server's renderer; raw HTML is escaped. The server's sanitised HTML is
// what everyone reads: this is only the author's own preview before sending.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
const MENTION = /@\[([^\]\n]{1,100})\]\(([0-9a-fA-F-]{36})\)/g;

export function previewHtml(source: string): string {
  return md.render(source.replace(MENTION, (_a, name: string) => `**@${name.replace(/[[\]*_]/g, '')}**`));
}

/** The `@word` being typed right before the caret, if any (what the autocomplete completes). */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|\s)@([\p{L}\p{N}._-]{1,40})$/u.exec(before);
  return m ? { start: caret - m[2].length - 1, query: m[2] } : null;
}
