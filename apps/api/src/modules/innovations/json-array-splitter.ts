/** The body is not a JSON array (or breaks off). */
export class MalformedJsonArray extends Error {}

/**
 * Splits a streamed JSON array into the source text of its top-level elements, so a large
 * import is parsed one element at a time (bounded memory) and one broken element fails only
 * its own row. Tracks only strings, escapes and bracket depth; each element is JSON.parse'd by
 * the caller.
 */
export class JsonArraySplitter {
  private state: 'start' | 'items' | 'done' = 'start';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private pending = '';
  private sawElement = false;
  /** Current line (1-based) and the line the element being read started on. */
  line = 1;
  private elementLine = 0;

  /** True once the opening `[` was seen. */
  get started(): boolean {
    return this.state !== 'start';
  }

  push(chunk: string): { text: string; line: number }[] {
    const out: { text: string; line: number }[] = [];
    let segStart = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10) this.line++;
      else if (this.state === 'items' && !this.elementLine && c !== 32 && c !== 9 && c !== 13 && c !== 44 && c !== 93)
        this.elementLine = this.line;
      if (this.state === 'items') {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (c === 92 /* \ */) this.escaped = true;
          else if (c === 34 /* " */) this.inString = false;
          continue;
        }
        if (c === 34) this.inString = true;
        else if (c === 123 /* { */ || c === 91 /* [ */) this.depth++;
        else if (c === 125 /* } */ || c === 93 /* ] */) {
          if (this.depth > 0) this.depth--;
          else if (c === 93) {
            const last = this.pending + chunk.slice(segStart, i);
            this.pending = '';
            if (last.trim() || this.sawElement) out.push({ text: last, line: this.elementLine || this.line });
            this.elementLine = 0;
            this.state = 'done';
            segStart = i + 1;
          } else throw new MalformedJsonArray('unbalanced } in the array');
        } else if (c === 44 /* , */ && this.depth === 0) {
          out.push({ text: this.pending + chunk.slice(segStart, i), line: this.elementLine || this.line });
          this.elementLine = 0;
          this.pending = '';
          this.sawElement = true;
          segStart = i + 1;
        }
        continue;
      }
      const ch = chunk[i];
      if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t' || ch === '\ufeff') continue;
      if (this.state === 'start' && ch === '[') {
        this.state = 'items';
        segStart = i + 1;
        continue;
      }
      throw new MalformedJsonArray(this.state === 'start' ? 'the body must be a JSON array' : 'unexpected data after the array');
    }
    if (this.state === 'items') this.pending += chunk.slice(segStart);
    return out;
  }

  end(): void {
    if (this.state !== 'done')
      throw new MalformedJsonArray(this.state === 'start' ? 'the body must be a JSON array' : 'the JSON array is not terminated');
  }
}
