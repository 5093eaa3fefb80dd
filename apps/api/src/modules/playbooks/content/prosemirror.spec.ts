import * as Y from 'yjs';
import { applyContentOf } from './restore';
import { toMarkdown } from './markdown';
import { CONTENT, stageSeedUpdate, toPlainText, toProseMirrorJson } from './prosemirror';

const para = (text: string) => {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
};

describe('playbook content', () => {
  it('seeds the five stages as level-2 headings, each followed by a prompt', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stageSeedUpdate());
    const json = toProseMirrorJson(doc);
    const headings = json.content!.filter((n) => n.type === 'heading');
    expect(headings.map((h) => h.content![0]!.text)).toEqual([
      'Persiapan',
      'Rencana & Pengembangan',
      'Pelaksanaan',
      'Evaluasi',
      'Pelembagaan',
    ]);
    expect(headings.every((h) => h.attrs?.level === 2)).toBe(true);
    expect(json.content!.length).toBe(10);
    expect(toMarkdown(doc).startsWith('## Persiapan\n\n')).toBe(true);
    expect(toPlainText(doc).split('\n')).toHaveLength(10);
    doc.destroy();
  });

  it('renders lists, quotes and code blocks to Markdown', () => {
    const doc = new Y.Doc();
    const list = new Y.XmlElement('orderedList');
    ['satu', 'dua'].forEach((t, i) => {
      const li = new Y.XmlElement('listItem');
      li.insert(0, [para(t)]);
      list.insert(i, [li]); // insert, not push: push reads the length of a type not yet in a doc
    });
    const quote = new Y.XmlElement('blockquote');
    quote.insert(0, [para('kutipan')]);
    const code = new Y.XmlElement('codeBlock');
    code.insert(0, [new Y.XmlText('a * b')]);
    doc.getXmlFragment(CONTENT).insert(0, [list, quote, code]);
    expect(toMarkdown(doc)).toBe('1. satu\n2. dua\n\n> kutipan\n\n```\na * b\n```\n');
    doc.destroy();
  });

  it('restores by replacing only the differing middle, as one change that other replicas merge', () => {
    const live = new Y.Doc();
    live.getXmlFragment(CONTENT).insert(0, [para('a'), para('b'), para('c')]);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(live));
    const target = new Y.Doc();
    target.getXmlFragment(CONTENT).insert(0, [para('a'), para('X'), para('c')]);
    const kept = live.getXmlFragment(CONTENT).get(0);
    const updates: Uint8Array[] = [];
    live.on('update', (u: Uint8Array) => updates.push(u));
    applyContentOf(live, target, 'restore');
    expect(updates).toHaveLength(1);
    expect(live.getXmlFragment(CONTENT).get(0)).toBe(kept);
    Y.applyUpdate(replica, updates[0]!);
    expect(replica.getXmlFragment(CONTENT).toString()).toBe('<paragraph>a</paragraph><paragraph>X</paragraph><paragraph>c</paragraph>');
    [live, replica, target].forEach((d) => d.destroy());
  });
});
