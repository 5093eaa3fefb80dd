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

/**
 * Nodes deeper than this are not nested further in the tree read from Yjs: their content is
 * lifted into the node at this depth. Accepted updates never nest deeper than the schema's
 * `maxDepth`, but a document stored before the schema was enforced may; the cap keeps every
 * reader (exports, plain text, restore, diff) safe on it.
 */
export const TREE_DEPTH_CAP = 64;

function textNodes(text: Y.XmlText, out: PmNode[]): void {
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== 'string' || !op.insert) continue;
    const node: PmNode = { type: 'text', text: op.insert.replace(/\u0000/g, '') };
    if (op.attributes && Object.keys(op.attributes).length) {
      node.marks = Object.entries(op.attributes).map(([type, value]) =>
        value && typeof value === 'object' && Object.keys(value).length ? { type, attrs: value as Record<string, unknown> } : { type },
      );
    }
    out.push(node);
  }
}

/** The children of a Yjs fragment or element as ProseMirror nodes, iteratively and depth-capped. */
function childNodes(root: Y.XmlFragment | Y.XmlElement, cap = TREE_DEPTH_CAP): PmNode[] {
  const top: PmNode[] = [];
  const stack: { from: Y.XmlFragment | Y.XmlElement; into: PmNode[]; depth: number }[] = [{ from: root, into: top, depth: 0 }];
  while (stack.length) {
    const { from, into, depth } = stack.pop()!;
    for (const child of from.toArray()) {
      if (child instanceof Y.XmlText) textNodes(child, into);
      else if (child instanceof Y.XmlElement) {
        if (depth >= cap) {
          // Too deep: this element's content goes into the node at the cap, in order.
          stack.push({ from: child, into, depth });
          continue;
        }
        const node: PmNode = { type: child.nodeName };
        const attrs = child.getAttributes() as Record<string, unknown>;
        if (Object.keys(attrs).length) node.attrs = attrs;
        into.push(node);
        if (child.length) stack.push({ from: child, into: (node.content = []), depth: depth + 1 });
      }
    }
  }
  return prune(top);
}

/** Drops the empty `content` arrays a walk leaves behind (iteratively). */
function prune(nodes: PmNode[]): PmNode[] {
  const stack = [nodes];
  while (stack.length) {
    for (const n of stack.pop()!) {
      if (!n.content) continue;
      if (!n.content.length) delete n.content;
      else stack.push(n.content);
    }
  }
  return nodes;
}

/** ProseMirror JSON of the document (`{type: 'doc', content}`), elements nested at most `cap` deep. */
export function toProseMirrorJson(doc: Y.Doc, cap = TREE_DEPTH_CAP): PmNode {
  return { type: 'doc', content: childNodes(doc.getXmlFragment(CONTENT), cap) };
}

/** Whether any element of the content nests deeper than `max` (iterative; stops at the first). */
export function nestsDeeperThan(doc: Y.Doc, max: number): boolean {
  const stack: [Y.XmlFragment | Y.XmlElement, number][] = [[doc.getXmlFragment(CONTENT), 0]];
  while (stack.length) {
    const [type, depth] = stack.pop()!;
    for (const child of type.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (depth + 1 > max) return true;
      stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Nodes whose text is a line of its own in the plain text. */
const BLOCKS = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'codeBlock',
  'bulletList',
  'orderedList',
  'listItem',
  'tableCell',
  'tableHeader',
  'image',
]);

/** The words of a ProseMirror tree, one text block per line (for search), iteratively. */
export function plainTextOf(root: PmNode): string {
  const lines: string[] = [];
  let line: string[] = [];
  const flush = () => {
    const text = line.join('').replace(/\s+/g, ' ').trim();
    if (text) lines.push(text);
    line = [];
  };
  // A block marker flushes the line before and after its content.
  const stack: (PmNode | 'end')[] = [...(root.content ?? [])].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n === 'end') {
      flush();
      continue;
    }
    if (n.type === 'text') line.push(n.text ?? '');
    else if (n.type === 'hardBreak') line.push(' ');
    else {
      if (n.type === 'image' && typeof n.attrs?.alt === 'string') line.push(n.attrs.alt);
      if (BLOCKS.has(n.type)) {
        flush();
        stack.push('end');
      }
      for (let i = (n.content?.length ?? 0) - 1; i >= 0; i--) stack.push(n.content![i]!);
    }
  }
  flush();
  // PostgreSQL text cannot hold NUL.
  return lines.join('\n').replace(/\u0000/g, '');
}

/** The words of the document, one block per line (for search). */
export function toPlainText(doc: Y.Doc): string {
  return plainTextOf(toProseMirrorJson(doc));
}
