/** One CSV record: its cells, the line it starts on, or why it could not be read. */
export interface CsvRecord {
  cells: string[];
  line: number;
  error?: string;
}

/** A quoted cell longer than this is taken for an unclosed quote (descriptions are ≤ 20,000 characters). */
const MAX_QUOTED = 64 * 1024;

/**
 * Splits streamed CSV text into records (RFC 4180 quoting; `,` `;` or tab, detected from the
 * header line; a UTF-8 BOM is dropped; `\n`, `\r\n` or `\r` ends a line; blank lines are
 * skipped). A quote that is broken — text after a closing quote, or a quote never closed —
 * makes its record an error, and reading resumes on the line after the one that record started
 * on, so a broken record never swallows the next ones: they are re-read and reported on their own.
 * Memory: the unconsumed text, at most one record (bounded by MAX_QUOTED for quoted cells).
 */
export class CsvRecordSplitter {
  private buf = '';
  private line = 1;
  private started = false;
  delimiter: string | null = null;

  push(chunk: string): CsvRecord[] {
    this.buf += chunk;
    return this.drain(false);
  }

  end(): CsvRecord[] {
    return this.drain(true);
  }

  private drain(final: boolean): CsvRecord[] {
    if (!this.started) {
      if (!this.buf.length) return [];
      if (this.buf.charCodeAt(0) === 0xfeff) this.buf = this.buf.slice(1);
      this.started = true;
    }
    if (this.delimiter === null) {
      const nl = this.buf.search(/[\r\n]/);
      if (nl < 0 && !final) return [];
      this.delimiter = detectDelimiter(nl < 0 ? this.buf : this.buf.slice(0, nl));
    }
    const out: CsvRecord[] = [];
    let pos = 0;
    for (;;) {
      // Blank lines between records are not records.
      while (pos < this.buf.length) {
        const m = /^[ \t]*(\r\n|\n|\r)/.exec(this.buf.slice(pos, pos + 256));
        if (!m || (m[1] === '\r' && pos + m[0].length === this.buf.length && !final)) break;
        pos += m[0].length;
        this.line++;
      }
      if (pos >= this.buf.length) break;
      const r = this.parse(pos, final);
      if (r === null) break;
      out.push(r.record);
      pos = r.next;
      this.line = r.nextLine;
      if (pos >= this.buf.length && !final) break;
    }
    this.buf = this.buf.slice(pos);
    return out;
  }

  /** One record from `start`, or null when more text is needed to finish it. */
  private parse(start: number, final: boolean): { record: CsvRecord; next: number; nextLine: number } | null {
    const b = this.buf;
    const d = this.delimiter!;
    const cells: string[] = [];
    let i = start;
    let lines = 0;
    const firstLineEnd = () => {
      const m = /\r\n|\n|\r/.exec(b.slice(start));
      return m ? start + m.index + m[0].length : b.length;
    };
    const broken = (message: string) => {
      const next = firstLineEnd();
      if (next >= b.length && !final && !/[\r\n]$/.test(b)) return null;
      return { record: { cells: [], line: this.line, error: message }, next, nextLine: this.line + 1 };
    };
    for (;;) {
      if (b[i] === '"') {
        let j = i + 1;
        let cell = '';
        for (;;) {
          const q = b.indexOf('"', j);
          if (q < 0 || q - i > MAX_QUOTED) {
            if (!final && q < 0 && b.length - i <= MAX_QUOTED) return null;
            return broken('broken quote: a quoted cell is never closed');
          }
          cell += b.slice(j, q);
          if (q + 1 >= b.length && !final) return null;
          if (b[q + 1] === '"') {
            cell += '"';
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        lines += (cell.match(/\r\n|\n|\r/g) ?? []).length;
        const after = b[i];
        if (after !== undefined && after !== d && after !== '\n' && after !== '\r') {
          return broken(`broken quote: text after the closing quote of cell ${cells.length + 1}`);
        }
        cells.push(cell);
      } else {
        let j = i;
        while (j < b.length && b[j] !== d && b[j] !== '\n' && b[j] !== '\r') j++;
        if (j >= b.length && !final) return null;
        cells.push(b.slice(i, j).trim());
        i = j;
      }
      if (i >= b.length) return { record: { cells, line: this.line }, next: i, nextLine: this.line + lines + 1 };
      if (b[i] === d) {
        i++;
        continue;
      }
      // End of line.
      if (b[i] === '\r' && i + 1 >= b.length && !final) return null;
      i += b[i] === '\r' && b[i + 1] === '\n' ? 2 : 1;
      return { record: { cells, line: this.line }, next: i, nextLine: this.line + lines + 1 };
    }
  }
}

/** The most frequent of `,` `;` tab outside quotes in the header line (`,` when none). */
export function detectDelimiter(header: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const c of header) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c in counts) counts[c]++;
  }
  return Object.entries(counts).reduce((best, [c, n]) => (n > counts[best] ? c : best), ',');
}
