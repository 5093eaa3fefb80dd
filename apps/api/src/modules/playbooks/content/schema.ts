/**
 * The playbook schema: the ProseMirror/Tiptap nodes and marks a document may hold. It is what a
 * Tiptap 3 StarterKit editor produces, plus images (pointing at attachments) and tables, which
 * the web client uses. Published at `GET /api/playbooks/schema`; every incoming update is checked
 * against it before it is applied (`collab/update-check.ts`), and every export renders all of it.
 */
export interface SchemaAttr {
  default: string | number | boolean | null;
}
export interface SchemaEntry {
  name: string;
  attrs: Record<string, SchemaAttr>;
}

const none = {} as Record<string, SchemaAttr>;
const cellAttrs = { colspan: { default: 1 }, rowspan: { default: 1 }, colwidth: { default: null } };

export const SCHEMA_NODES: SchemaEntry[] = [
  { name: 'doc', attrs: none },
  { name: 'paragraph', attrs: none },
  { name: 'text', attrs: none },
  { name: 'heading', attrs: { level: { default: 1 } } },
  { name: 'bulletList', attrs: none },
  { name: 'orderedList', attrs: { start: { default: 1 }, type: { default: null } } },
  { name: 'listItem', attrs: none },
  { name: 'blockquote', attrs: none },
  { name: 'codeBlock', attrs: { language: { default: null } } },
  { name: 'hardBreak', attrs: none },
  { name: 'horizontalRule', attrs: none },
  // `src` is an attachment of this playbook: `/api/attachments/:id`.
  {
    name: 'image',
    attrs: {
      src: { default: null },
      alt: { default: null },
      title: { default: null },
      width: { default: null },
      height: { default: null },
    },
  },
  { name: 'table', attrs: none },
  { name: 'tableRow', attrs: none },
  { name: 'tableHeader', attrs: cellAttrs },
  { name: 'tableCell', attrs: cellAttrs },
];

export const SCHEMA_MARKS: SchemaEntry[] = [
  { name: 'bold', attrs: none },
  { name: 'italic', attrs: none },
  { name: 'strike', attrs: none },
  { name: 'underline', attrs: none },
  { name: 'code', attrs: none },
  {
    name: 'link',
    attrs: {
      href: { default: null },
      target: { default: '_blank' },
      rel: { default: 'noopener noreferrer nofollow' },
      class: { default: null },
    },
  },
];

/**
 * Deepest element nesting accepted (a top-level paragraph is depth 1; a paragraph in a list item of
 * a bullet list is 3). Room for about 15 levels of nested lists, far below what recursion or a
 * browser's layout would choke on.
 */
export const MAX_DEPTH = 32;

/** Element names that may appear in the Yjs fragment (`doc` and `text` are not elements there). */
export const ELEMENT_NAMES = new Set(SCHEMA_NODES.map((n) => n.name).filter((n) => n !== 'doc' && n !== 'text'));
export const MARK_NAMES = new Set(SCHEMA_MARKS.map((m) => m.name));

/** An image's `src` must point at an attachment (relative, or on this server). */
export const ATTACHMENT_SRC = /^(?:https?:\/\/[^/\s]+)?\/api\/attachments\/[0-9a-f-]{36}(?:\/[a-z]+)?(?:\?[^\s"'<>]*)?$/i;

export function playbookSchema(): { nodes: SchemaEntry[]; marks: SchemaEntry[]; maxDepth: number } {
  return { nodes: SCHEMA_NODES, marks: SCHEMA_MARKS, maxDepth: MAX_DEPTH };
}
