import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { CONTENT } from '../content/prosemirror';
import { ELEMENT_NAMES, MARK_NAMES } from '../content/schema';

/** Why an update was refused; `reason` goes to the client and the log. */
export class UpdateRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

// Content kinds (low 5 bits of a struct's info byte) and Yjs type refs, as in the v1 encoding.
const C_DELETED = 1,
  C_JSON = 2,
  C_BINARY = 3,
  C_STRING = 4,
  C_EMBED = 5,
  C_FORMAT = 6,
  C_TYPE = 7,
  C_ANY = 8,
  C_DOC = 9;
const T_XML_ELEMENT = 3,
  T_XML_FRAGMENT = 4,
  T_XML_HOOK = 5,
  T_XML_TEXT = 6;

interface ParsedItem {
  client: number;
  clock: number;
  length: number;
  origin: [number, number] | null;
  rightOrigin: [number, number] | null;
  /** Root type name, or the id of the type item holding this one; null: same as the neighbour's. */
  parent: string | [number, number] | null;
  parentSub: string | null;
  kind: number;
  typeRef?: number;
  nodeName?: string;
  /** Strings and values the item carries, checked for NUL characters. */
  values: unknown[];
  formatKey?: string;
}

/** What an item sits in: a root type or a type (element, text, map…) of the content. */
interface Parent {
  /** Inside `getXmlFragment('content')` (where the schema applies). */
  content: boolean;
  /** 0 a root; else the type ref of the holding type. */
  typeRef: number;
  /** Element nesting of the holding type (root children are at depth 1). */
  depth: number;
  /** The holding item was deleted or collected: whatever goes there is collected too. */
  gone?: boolean;
}
interface Placement {
  parent: Parent;
  parentSub: string | null;
}

export interface UpdateFacts {
  /** Structs in the update (drives the per-document item budget). */
  items: number;
  /** Client ids the update writes as (who the sender is, for presence ownership). */
  clients: number[];
}

const MARK_KEY = /^([A-Za-z][A-Za-z0-9]*)(?:--[A-Za-z0-9+/=_-]{1,64})?$/;

/**
 * Checks one client update against the playbook schema *before* it is applied, by decoding it
 * (never applying and undoing): every element name and mark must be in the schema, elements may not
 * nest deeper than `maxDepth`, no string may carry a NUL character, nothing may follow the delete
 * set, and only element/text types may live in the content. Parents are resolved through the
 * update itself and the live document, iteratively (a 20,000-deep chain costs no stack).
 * Throws `UpdateRefused`; returns what the caller needs for its budgets.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, maxDepth: number): UpdateFacts {
  const items: ParsedItem[] = [];
  const byClient = new Map<number, number[]>();
  let structs: number;
  try {
    structs = parse(update, items, byClient);
  } catch (error) {
    if (error instanceof UpdateRefused) throw error;
    throw new UpdateRefused('malformed update');
  }
  const placements: (Placement | undefined)[] = new Array(items.length);
  const docParents = new Map<Y.AbstractType<unknown>, Parent>();

  const find = (id: [number, number]): number => {
    const list = byClient.get(id[0]);
    if (!list) return -1;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const it = items[list[mid]!]!;
      if (id[1] < it.clock) hi = mid - 1;
      else if (id[1] >= it.clock + it.length) lo = mid + 1;
      else return list[mid]!;
    }
    return -1;
  };
  const docStruct = (id: [number, number]): Y.Item | Y.GC | null => {
    if (Y.getState(doc.store, id[0]) <= id[1]) return null;
    return Y.getItem(doc.store, Y.createID(id[0], id[1])) as Y.Item | Y.GC;
  };
  const parentOfDocType = (type: Y.AbstractType<unknown>): Parent => {
    const known = docParents.get(type);
    if (known) return known;
    // Walk up to the root, at most maxDepth + 2 steps: deeper is refused anyway.
    let depth = 0;
    let t: Y.AbstractType<unknown> | null = type;
    let steps = 0;
    while (t?._item && steps <= maxDepth + 1) {
      if (t instanceof Y.XmlElement) depth++;
      t = t._item.parent as Y.AbstractType<unknown> | null;
      steps++;
    }
    const content = !!t && !t._item && doc.share.get(CONTENT) === t;
    const p: Parent = {
      content,
      typeRef: !type._item
        ? 0
        : type instanceof Y.XmlElement
          ? T_XML_ELEMENT
          : type instanceof Y.XmlText
            ? T_XML_TEXT
            : type instanceof Y.XmlFragment
              ? T_XML_FRAGMENT
              : -1,
      depth: t?._item ? Infinity : depth,
      gone: !!type._item?.deleted,
    };
    docParents.set(type, p);
    return p;
  };
  const parentOfRoot = (name: string): Parent => ({ content: name === CONTENT, typeRef: 0, depth: 0 });
  /** The type an item of the update creates, as a parent of what it holds. */
  const parentOfUpdateType = (holder: ParsedItem, where: Placement): Parent => {
    if (holder.kind !== C_TYPE) {
      if (holder.kind === C_DELETED) return { content: where.parent.content, typeRef: -1, depth: where.parent.depth, gone: true };
      throw new UpdateRefused('item inside a non-type');
    }
    const depth = where.parent.depth + (holder.typeRef === T_XML_ELEMENT ? 1 : 0);
    return { content: where.parent.content, typeRef: holder.typeRef!, depth, gone: where.parent.gone };
  };
  const placeFromDoc = (s: Y.Item | Y.GC): Placement => {
    if (!(s instanceof Y.Item) || !s.parent) return { parent: { content: false, typeRef: -1, depth: 0, gone: true }, parentSub: null };
    return { parent: parentOfDocType(s.parent as Y.AbstractType<unknown>), parentSub: s.parentSub };
  };

  // Each item's placement: from its explicit parent, or its neighbour's. Dependencies inside the
  // update are resolved with an explicit stack.
  const visiting = new Uint8Array(items.length);
  for (let start = 0; start < items.length; start++) {
    if (placements[start]) continue;
    const stack = [start];
    visiting[start] = 1;
    while (stack.length) {
      const cur = stack[stack.length - 1]!;
      const it = items[cur]!;
      let dep = -1;
      let placed: Placement | undefined;
      if (it.parent !== null) {
        if (typeof it.parent === 'string') placed = { parent: parentOfRoot(it.parent), parentSub: it.parentSub };
        else {
          const j = find(it.parent);
          if (j >= 0) {
            if (placements[j]) placed = { parent: parentOfUpdateType(items[j]!, placements[j]!), parentSub: it.parentSub };
            else dep = j;
          } else {
            const s = docStruct(it.parent);
            if (!s) throw new UpdateRefused('unknown parent');
            if (s instanceof Y.Item && s.content instanceof Y.ContentType)
              placed = { parent: parentOfDocType(s.content.type as Y.AbstractType<unknown>), parentSub: it.parentSub };
            else if (s instanceof Y.GC || s.content instanceof Y.ContentDeleted)
              placed = { parent: { content: false, typeRef: -1, depth: 0, gone: true }, parentSub: it.parentSub };
            else throw new UpdateRefused('item inside a non-type');
          }
        }
      } else {
        const ref = it.origin ?? it.rightOrigin;
        if (!ref) throw new UpdateRefused('item without a place');
        const j = find(ref);
        if (j >= 0) {
          if (placements[j]) placed = placements[j];
          else dep = j;
        } else {
          const s = docStruct(ref);
          if (!s) throw new UpdateRefused('unknown neighbour');
          placed = placeFromDoc(s);
        }
      }
      if (placed) {
        if (placed.parent.depth > maxDepth) throw new UpdateRefused(`nesting deeper than ${maxDepth}`);
        placements[cur] = placed;
        stack.pop();
        continue;
      }
      if (visiting[dep]) throw new UpdateRefused('cyclic update');
      visiting[dep] = 1;
      stack.push(dep);
    }
  }

  for (let i = 0; i < items.length; i++) checkItem(items[i]!, placements[i]!, maxDepth);
  return { items: structs, clients: [...byClient.keys()] };
}

function checkItem(it: ParsedItem, where: Placement, maxDepth: number): void {
  for (const v of it.values) assertNoNul(v);
  if (it.kind === C_DOC) throw new UpdateRefused('sub-documents are not accepted');
  const { parent } = where;
  if (!parent.content || parent.gone || it.kind === C_DELETED) return;
  if (where.parentSub !== null) {
    // Attributes: of elements only, plain values.
    if (parent.typeRef !== T_XML_ELEMENT) throw new UpdateRefused('attributes outside an element');
    if (it.kind !== C_ANY) throw new UpdateRefused('attribute of an unexpected kind');
    return;
  }
  if (parent.typeRef === 0 || parent.typeRef === T_XML_ELEMENT) {
    if (it.kind !== C_TYPE || (it.typeRef !== T_XML_ELEMENT && it.typeRef !== T_XML_TEXT))
      throw new UpdateRefused('only elements and text may be nested in the content');
    if (it.typeRef === T_XML_ELEMENT) {
      if (!ELEMENT_NAMES.has(it.nodeName!)) throw new UpdateRefused(`unknown node ${JSON.stringify(it.nodeName!.slice(0, 40))}`);
      if (parent.depth + 1 > maxDepth) throw new UpdateRefused(`nesting deeper than ${maxDepth}`);
    }
    return;
  }
  if (parent.typeRef === T_XML_TEXT) {
    if (it.kind === C_STRING) return;
    if (it.kind === C_FORMAT) {
      const m = MARK_KEY.exec(it.formatKey!);
      if (!m || !MARK_NAMES.has(m[1]!)) throw new UpdateRefused(`unknown mark ${JSON.stringify(it.formatKey!.slice(0, 40))}`);
      return;
    }
    throw new UpdateRefused('only text and marks may be in a text node');
  }
  throw new UpdateRefused('content of an unexpected kind');
}

/** Throws on a NUL character in any string of a value (iteratively: values can nest deeply). */
function assertNoNul(value: unknown): void {
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes('\u0000')) throw new UpdateRefused('NUL character');
    } else if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
    } else if (v && typeof v === 'object' && !(v instanceof Uint8Array)) {
      for (const [k, x] of Object.entries(v)) {
        if (k.includes('\u0000')) throw new UpdateRefused('NUL character');
        stack.push(x);
      }
    }
  }
}

const readId = (d: decoding.Decoder): [number, number] => [decoding.readVarUint(d), decoding.readVarUint(d)];

/** Parses a v1 update into items (grouped by client, in clock order); returns the struct count. */
function parse(update: Uint8Array, items: ParsedItem[], byClient: Map<number, number[]>): number {
  const d = decoding.createDecoder(update);
  let structs = 0;
  const groups = decoding.readVarUint(d);
  for (let g = 0; g < groups; g++) {
    const count = decoding.readVarUint(d);
    const client = decoding.readVarUint(d);
    let clock = decoding.readVarUint(d);
    let list = byClient.get(client);
    if (!list) byClient.set(client, (list = []));
    for (let s = 0; s < count; s++) {
      structs++;
      const info = decoding.readUint8(d);
      const kind = info & 0b11111;
      if (kind === 0 || kind === 10) {
        // GC or Skip: a length only.
        clock += decoding.readVarUint(d);
        continue;
      }
      const origin = info & 0b10000000 ? readId(d) : null;
      const rightOrigin = info & 0b01000000 ? readId(d) : null;
      const cantCopyParent = (info & 0b11000000) === 0;
      const parent = cantCopyParent ? (decoding.readVarUint(d) === 1 ? decoding.readVarString(d) : readId(d)) : null;
      const parentSub = cantCopyParent && info & 0b00100000 ? decoding.readVarString(d) : null;
      const it: ParsedItem = { client, clock, length: 1, origin, rightOrigin, parent, parentSub, kind, values: [] };
      if (typeof parent === 'string') it.values.push(parent);
      if (parentSub !== null) it.values.push(parentSub);
      switch (kind) {
        case C_DELETED:
          it.length = decoding.readVarUint(d);
          break;
        case C_JSON: {
          it.length = decoding.readVarUint(d);
          for (let k = 0; k < it.length; k++) it.values.push(decoding.readVarString(d));
          break;
        }
        case C_BINARY:
          decoding.readVarUint8Array(d);
          break;
        case C_STRING: {
          const str = decoding.readVarString(d);
          it.length = str.length;
          it.values.push(str);
          break;
        }
        case C_EMBED:
          it.values.push(JSON.parse(decoding.readVarString(d)));
          break;
        case C_FORMAT:
          it.formatKey = decoding.readVarString(d);
          it.values.push(it.formatKey, JSON.parse(decoding.readVarString(d)));
          break;
        case C_TYPE:
          it.typeRef = decoding.readVarUint(d);
          if (it.typeRef === T_XML_ELEMENT || it.typeRef === T_XML_HOOK) {
            it.nodeName = decoding.readVarString(d);
            it.values.push(it.nodeName);
          } else if (it.typeRef > T_XML_TEXT) throw new UpdateRefused('unknown type');
          break;
        case C_ANY: {
          it.length = decoding.readVarUint(d);
          for (let k = 0; k < it.length; k++) it.values.push(decoding.readAny(d));
          break;
        }
        case C_DOC:
          decoding.readVarString(d);
          decoding.readAny(d);
          break;
        default:
          throw new UpdateRefused('unknown content');
      }
      if (it.length < 1) throw new UpdateRefused('malformed update');
      list.push(items.length);
      items.push(it);
      clock += it.length;
    }
  }
  // Delete set: [clients] then per client [client][count] then [clock][length] pairs.
  const dsClients = decoding.readVarUint(d);
  for (let c = 0; c < dsClients; c++) {
    decoding.readVarUint(d);
    const n = decoding.readVarUint(d);
    for (let k = 0; k < n; k++) {
      decoding.readVarUint(d);
      decoding.readVarUint(d);
    }
  }
  if (decoding.hasContent(d)) throw new UpdateRefused('malformed update: bytes after the delete set');
  // Items of one client must come in clock order for the look-ups (a well-formed update has them so).
  for (const list of byClient.values()) {
    for (let k = 1; k < list.length; k++)
      if (items[list[k]!]!.clock < items[list[k - 1]!]!.clock) throw new UpdateRefused('malformed update');
  }
  return structs;
}
