// A deterministic synthetic editing trace: one paragraph typed into, ~85 % single-character
// inserts at random positions and ~15 % single-character deletes, one transaction (one Yjs
// update) per op, like a person typing. Same seed → same updates in every process.
'use strict';
const Y = require('yjs');

function trace(ops, seed = 7) {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const doc = new Y.Doc();
  doc.clientID = 424242;
  const updates = [];
  doc.on('update', (u) => updates.push(u));
  const frag = doc.getXmlFragment('content');
  const p = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  p.insert(0, [text]);
  frag.insert(frag.length, [p]);
  const letters = 'abcdefghijklmnopqrstuvwxyz     ';
  for (let i = 1; i < ops; i++) {
    const len = text.length;
    if (len > 10 && rnd() < 0.15) text.delete(Math.floor(rnd() * len), 1);
    else text.insert(Math.floor(rnd() * (len + 1)), letters[Math.floor(rnd() * letters.length)]);
  }
  doc.destroy();
  return updates;
}

module.exports = { trace };
