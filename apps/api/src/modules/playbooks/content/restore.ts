import * as Y from 'yjs';
import { CONTENT, PmNode, toProseMirrorJson } from './prosemirror';

/** Yjs content of ProseMirror nodes (inline runs become one XmlText), built iteratively. */
export function toYNodes(nodes: PmNode[]): (Y.XmlElement | Y.XmlText)[] {
  const top: (Y.XmlElement | Y.XmlText)[] = [];
  const stack: { from: PmNode[]; into: (Y.XmlElement | Y.XmlText)[] }[] = [{ from: nodes, into: top }];
  const pending: { element: Y.XmlElement; children: (Y.XmlElement | Y.XmlText)[] }[] = [];
  while (stack.length) {
    const { from, into } = stack.pop()!;
    let text: Y.XmlText | null = null;
    let offset = 0;
    for (const n of from) {
      if (n.type === 'text') {
        if (!text) {
          text = new Y.XmlText();
          offset = 0;
          into.push(text);
        }
        const attrs: Record<string, unknown> = {};
        for (const m of n.marks ?? []) attrs[m.type] = m.attrs ?? {};
        const s = n.text ?? '';
        // Inserting into a type not yet in a document is queued by Yjs; offsets still add up.
        text.insert(offset, s, Object.keys(attrs).length ? attrs : undefined);
        offset += s.length;
        continue;
      }
      text = null;
      const el = new Y.XmlElement(n.type);
      for (const [k, v] of Object.entries(n.attrs ?? {})) if (v !== undefined) el.setAttribute(k, v as never);
      into.push(el);
      if (n.content?.length) {
        const children: (Y.XmlElement | Y.XmlText)[] = [];
        pending.push({ element: el, children });
        stack.push({ from: n.content, into: children });
      }
    }
  }
  // Children are attached after they are complete (inner first, so no element is read half-built).
  for (let i = pending.length - 1; i >= 0; i--) {
    const { element, children } = pending[i]!;
    if (children.length) element.insert(0, children);
  }
  return top;
}

/**
 * Turns `doc`'s content into `target`'s as one new change: top-level blocks equal at both ends
 * are kept, only the differing middle is replaced (rebuilt from the target's blocks), and the
 * `meta` map's values are set or removed. Connected editors receive it as an ordinary update.
 * Reads both sides through the depth-capped ProseMirror tree, so no document can overflow it.
 */
export function applyContentOf(doc: Y.Doc, target: Y.Doc, origin: unknown): void {
  const current = doc.getXmlFragment(CONTENT);
  const a = (toProseMirrorJson(doc).content ?? []).map((n) => JSON.stringify(n));
  const wantedNodes = toProseMirrorJson(target).content ?? [];
  const b = wantedNodes.map((n) => JSON.stringify(n));
  doc.transact(() => {
    let start = 0;
    while (start < a.length && start < b.length && a[start] === b[start]) start++;
    let end = 0;
    while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
    const removeCount = a.length - start - end;
    // The tree skips nothing at the top level (text directly in the fragment aside): indexes match.
    if (removeCount > 0) current.delete(start, Math.min(removeCount, current.length - start));
    const insert = toYNodes(wantedNodes.slice(start, b.length - end));
    if (insert.length) current.insert(start, insert);

    const meta = doc.getMap('meta');
    const targetMeta = target.getMap('meta');
    for (const k of [...meta.keys()]) if (!targetMeta.has(k)) meta.delete(k);
    for (const [k, v] of targetMeta.entries()) {
      const value = v instanceof Y.AbstractType ? (v as Y.AbstractType<unknown> & { clone(): unknown }).clone() : v;
      if (
        JSON.stringify(meta.get(k) instanceof Y.AbstractType ? (meta.get(k) as Y.AbstractType<unknown>).toJSON() : meta.get(k)) !==
        JSON.stringify(v instanceof Y.AbstractType ? v.toJSON() : v)
      ) {
        meta.set(k, value);
      }
    }
  }, origin);
}
