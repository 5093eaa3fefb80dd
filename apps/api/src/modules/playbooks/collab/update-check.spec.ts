import * as Y from 'yjs';
import { MAX_DEPTH } from '../content/schema';
import { checkUpdate, UpdateRefused } from './update-check';

const para = (s: string, marks?: Record<string, unknown>) => {
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  t.insert(0, s, marks);
  p.insert(0, [t]);
  return p;
};

/** A server document and a client synced with it; `edit` runs on the client, the diff is checked. */
function setup() {
  const server = new Y.Doc();
  server.getXmlFragment('content').insert(0, [para('awal')]);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  // Accepted updates are applied, as the server would: the next edit builds on them.
  const check = (edit: (doc: Y.Doc) => void) => {
    const sv = Y.encodeStateVector(client);
    edit(client);
    const update = Y.encodeStateAsUpdate(client, sv);
    const facts = checkUpdate(server, update, MAX_DEPTH);
    Y.applyUpdate(server, update);
    return facts;
  };
  return { server, client, check };
}

const reason = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof UpdateRefused) return e.reason;
    throw e;
  }
  return 'accepted';
};

describe('checkUpdate (schema check before applying)', () => {
  it('accepts ordinary editing: typing into existing text, new blocks, marks, attributes, deletions, meta', () => {
    const { check } = setup();
    expect(
      reason(() =>
        check((d) => ((d.getXmlFragment('content').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(4, ' lagi', { bold: {} })),
      ),
    ).toBe('accepted');
    expect(reason(() => check((d) => d.getXmlFragment('content').push([para('baru', { link: { href: 'https://x.id' } })])))).toBe(
      'accepted',
    );
    expect(reason(() => check((d) => (d.getXmlFragment('content').get(0) as Y.XmlElement).setAttribute('level', 2 as never)))).toBe(
      'accepted',
    );
    expect(reason(() => check((d) => d.getXmlFragment('content').delete(0, 1)))).toBe('accepted');
    expect(reason(() => check((d) => d.getMap('meta').set('status', 'draft')))).toBe('accepted');
  });

  it('resolves a long chain of typed characters through the update itself, without recursion', () => {
    const { check, client } = setup();
    const text = (client.getXmlFragment('content').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    // One item per keystroke in separate transactions of one client: origins chain through the update.
    const facts = check(() => {
      for (let i = 0; i < 3000; i++) client.transact(() => text.insert(4 + i, i % 2 ? 'a' : 'b', i % 2 ? { bold: {} } : {}));
    });
    expect(facts.items).toBeGreaterThan(1);
    expect(facts.clients).toEqual([client.clientID]);
  });

  it('refuses unknown nodes, unknown marks, NUL, wrong kinds, too deep nesting and trailing bytes', () => {
    // A fresh pair per case: a refused update leaves the client ahead of the server.
    const check = (edit: (doc: Y.Doc) => void) => setup().check(edit);
    expect(reason(() => check((d) => d.getXmlFragment('content').push([new Y.XmlElement('iframe')])))).toMatch(/unknown node/);
    expect(reason(() => check((d) => d.getXmlFragment('content').push([para('x', { highlight: {} })])))).toMatch(/unknown mark/);
    expect(reason(() => check((d) => d.getXmlFragment('content').push([para('a\u0000b')])))).toBe('NUL character');
    expect(reason(() => check((d) => d.getMap('meta').set('k', { deep: ['\u0000'] })))).toBe('NUL character');
    expect(reason(() => check((d) => void d.getXmlFragment('content').push([new Y.XmlText('teks lepas')])))).toBe('accepted');
    expect(
      reason(() => check((d) => (d.getXmlFragment('content').get(0) as Y.XmlElement).insert(0, [new Y.XmlHook('x') as never]))),
    ).toMatch(/only elements and text/);
    expect(
      reason(() =>
        check((d) => {
          let inner = para('dalam');
          for (let i = 0; i < MAX_DEPTH; i++) {
            const q = new Y.XmlElement('blockquote');
            q.insert(0, [inner]);
            inner = q;
          }
          d.getXmlFragment('content').push([inner]);
        }),
      ),
    ).toMatch(/nesting deeper/);
    const server = new Y.Doc();
    const client = new Y.Doc();
    client.getXmlFragment('content').insert(0, [para('x')]);
    const update = Y.encodeStateAsUpdate(client);
    expect(reason(() => checkUpdate(server, new Uint8Array([...update, 1, 2, 3]), MAX_DEPTH))).toMatch(/malformed/);
    expect(reason(() => checkUpdate(server, update.subarray(0, update.length - 3), MAX_DEPTH))).toMatch(/malformed/);
    expect(reason(() => checkUpdate(server, new Uint8Array([255, 255, 255, 255, 255, 255]), MAX_DEPTH))).toMatch(/malformed/);
  });

  it('refuses nesting that only the live document makes too deep (parent already deep)', () => {
    const { server, client, check } = setup();
    // Build depth MAX_DEPTH - 1 on the server, let the client have it, then nest two more.
    const sv0 = Y.encodeStateVector(client);
    let cur: Y.XmlFragment | Y.XmlElement = client.getXmlFragment('content');
    client.transact(() => {
      for (let i = 0; i < MAX_DEPTH - 1; i++) {
        const q = new Y.XmlElement('blockquote');
        cur.insert(0, [q]);
        cur = q;
      }
    });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, sv0));
    const deepest = cur as Y.XmlElement;
    expect(reason(() => check(() => deepest.insert(0, [para('tepat')])))).toBe('accepted');
    expect(
      reason(() =>
        check(() =>
          deepest.insert(0, [
            (() => {
              const q = new Y.XmlElement('blockquote');
              q.insert(0, [para('lewat')]);
              return q;
            })(),
          ]),
        ),
      ),
    ).toMatch(/nesting deeper/);
  });

  it('refuses what it cannot place (missing parent or neighbour)', () => {
    const server = new Y.Doc();
    const other = new Y.Doc();
    other.getXmlFragment('content').insert(0, [para('x')]);
    const base = Y.encodeStateVector(other);
    ((other.getXmlFragment('content').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(1, 'y');
    // Only the new character, without the paragraph it goes into.
    expect(reason(() => checkUpdate(server, Y.encodeStateAsUpdate(other, base), MAX_DEPTH))).toMatch(/unknown (parent|neighbour)/);
  });
});
