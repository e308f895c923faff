/**
 * The one place where offsets become positions.
 *
 * Internally every offset is a UTF-16 code unit index (what JavaScript
 * strings, the TypeScript compiler API and web-tree-sitter's string input
 * use). LSP positions are (line, UTF-16 character), SARIF uses 1-based lines
 * and 1-based UTF-16 columns by default, and the text output uses 1-based
 * line:column in Unicode code points (what a human counts in a terminal).
 * Lines end at \n, \r\n or a lone \r, like LSP.
 */

export interface Position {
  line: number;
  character: number;
}

export class LineIndex {
  private lineStarts: number[] | undefined;

  constructor(private readonly text: string) {}

  /** Line start offsets, computed on first use (most linted files never need them). */
  private get starts(): number[] {
    return (this.lineStarts ??= this.computeStarts());
  }

  private computeStarts(): number[] {
    const text = this.text;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) starts.push(i + 1);
      else if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    return starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based line of an offset. */
  lineOf(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset just past the line's content (before its line break). */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStart(line) && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStart(line) && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** LSP position: 0-based line, UTF-16 character. */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { line, character: clamped - this.starts[line] };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, pos.line)];
    return Math.min(start + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  /** 1-based line and 1-based column counted in Unicode code points. */
  humanPosition(offset: number): { line: number; column: number } {
    const { line, character } = this.positionAt(offset);
    const start = this.starts[line];
    let column = 1;
    for (let i = start; i < start + character; i++) {
      const c = this.text.charCodeAt(i);
      // A surrogate pair is one code point.
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < start + character) i++;
      column++;
    }
    return { line: line + 1, column };
  }

  /** 1-based line and 1-based UTF-16 column (SARIF's default columnKind). */
  sarifPosition(offset: number): { line: number; column: number } {
    const { line, character } = this.positionAt(offset);
    return { line: line + 1, column: character + 1 };
  }
}

/** UTF-16 offset -> UTF-8 byte offset, for tools that speak bytes. */
export function utf8ByteOffset(text: string, offset: number): number {
  return Buffer.byteLength(text.slice(0, offset), 'utf8');
}

/** The line ending the file mostly uses, so fixes keep it. */
export function detectEol(text: string): '\n' | '\r\n' {
  const crlf = text.indexOf('\r\n');
  if (crlf < 0) return '\n';
  const lf = text.indexOf('\n');
  return lf === crlf + 1 ? '\r\n' : '\n';
}
