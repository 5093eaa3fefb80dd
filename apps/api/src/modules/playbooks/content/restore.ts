import * as Y from 'yjs';
import { CONTENT } from './prosemirror';

const key = (node: Y.XmlElement | Y.XmlText | Y.XmlHook) => node.toString();

/**
 * Turns `doc`'s content into `target`'s as one new change: top-level blocks equal at both ends
 * are kept, only the differing middle is replaced (clones of the target's blocks), and the
 * `meta` map's values are set or removed. Connected editors receive it as an ordinary update.
 */
export function applyContentOf(doc: Y.Doc, target: Y.Doc, origin: unknown): void {
  const current = doc.getXmlFragment(CONTENT);
  const wanted = target.getXmlFragment(CONTENT);
  doc.transact(() => {
    const a = current.toArray();
    const b = wanted.toArray();
    let start = 0;
    while (start < a.length && start < b.length && key(a[start]!) === key(b[start]!)) start++;
    let end = 0;
    while (end < a.length - start && end < b.length - start && key(a[a.length - 1 - end]!) === key(b[b.length - 1 - end]!)) end++;
    const removeCount = a.length - start - end;
    if (removeCount > 0) current.delete(start, removeCount);
    const insert = b.slice(start, b.length - end).map((n) => n.clone());
    if (insert.length) current.insert(start, insert as never);

    const meta = doc.getMap('meta');
    const targetMeta = target.getMap('meta');
    for (const k of [...meta.keys()]) if (!targetMeta.has(k)) meta.delete(k);
    for (const [k, v] of targetMeta.entries()) {
      const value = v instanceof Y.AbstractType ? (v as Y.AbstractType<unknown> & { clone(): unknown }).clone() : v;
      if (JSON.stringify(meta.get(k) instanceof Y.AbstractType ? (meta.get(k) as Y.AbstractType<unknown>).toJSON() : meta.get(k)) !== JSON.stringify(v instanceof Y.AbstractType ? v.toJSON() : v)) {
        meta.set(k, value);
      }
    }
  }, origin);
}
