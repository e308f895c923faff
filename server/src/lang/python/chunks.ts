/**
 * Where a Python module can be cut into pieces that parse on their own: the starts of its
 * top-level statements.
 *
 * A top-level statement starts at column 0 of a line that is not inside brackets, a string or a
 * backslash continuation, and is not the `else` / `elif` / `except` / `finally` of the compound
 * statement before it, nor the definition a decorator line above it decorates. (In a text with
 * an unclosed bracket, a `def` or `class` at column 0 closes it: no valid module has one there.) There the
 * indentation stack of the tokenizer is empty, so the module's tree is the concatenation of the
 * pieces' trees (the unit test compares both on real modules). A long definition (a 60 KB
 * GraphQL type, a Django model) is cut again inside its body, the same way one level down: a
 * piece of its body is parsed after a one-line prefix (`class _:`), and its statements join the
 * body of the definition in the piece before it (parser.ts, assemblePieces).
 *
 * Parsing by pieces is what keeps a syntax error in its own statement: tree-sitter's recovery
 * from a half-typed line inside one function otherwise spreads over the rest of the file (and
 * costs more than the whole parse of a valid file at each keystroke, since the subtrees it made
 * while recovering are never reused). The language server keeps the pieces' trees by text and
 * parses only the piece an edit changed.
 */

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const FF = 0x0c;
const HASH = 0x23;
const AT = 0x40;
const BACKSLASH = 0x5c;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

/** `else`, `elif`, `except` (and `except*`), `finally` at `i`: the clause of the statement above, not a statement. */
const CLAUSE = /(?:else|elif|except|finally)(?![\w\u0080-\uffff])/y;

/** A definition at column 0 (`def`, `async def`, `class`): a statement wherever it stands. */
const DEFINITION = /(?:async[ \t]+)?(?:def|class)[ \t]/y;

/** A line that starts a logical line (not inside brackets, a string or a continuation) and is not blank. */
interface Line {
  /** offset of the line's first character */
  lineStart: number;
  /** offset of its first non-blank character */
  start: number;
  /** number of blank characters before it */
  indent: number;
  comment: boolean;
}

/** The logical lines of `text` (see Line), in order. */
function logicalLines(text: string): Line[] {
  const out: Line[] = [];
  const n = text.length;
  let depth = 0;
  let atLineStart = true;
  let lineStart = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (atLineStart) {
      if (c === SPACE || c === TAB || c === FF) {
        i++;
        continue;
      }
      atLineStart = false;
      if (c !== LF && c !== CR) out.push({ lineStart, start: i, indent: i - lineStart, comment: c === HASH });
    }
    if (c === HASH) {
      while (i < n && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
      continue;
    }
    if (c === QUOTE || c === APOSTROPHE) {
      i = stringEnd(text, i, c);
      continue;
    }
    if (c === BACKSLASH) {
      // a continuation joins the next line to this one; any other escape outside a string is an error token
      i += text.charCodeAt(i + 1) === CR && text.charCodeAt(i + 2) === LF ? 3 : 2;
      continue;
    }
    if (c === 0x28 || c === 0x5b || c === 0x7b) depth++;
    else if ((c === 0x29 || c === 0x5d || c === 0x7d) && depth > 0) depth--;
    else if (c === LF || c === CR) {
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      // `def` and `class` never stand inside brackets: at column 0 they end an unclosed bracket
      // (a `)` commented out while typing) instead of joining the rest of the file to it
      if (depth > 0) {
        DEFINITION.lastIndex = i;
        if (DEFINITION.test(text)) depth = 0;
      }
      if (depth === 0) {
        atLineStart = true;
        lineStart = i;
      }
      continue;
    }
    i++;
  }
  return out;
}

/**
 * The statement starts among `lines` (from `from`) at indentation `indent`, ending at the first
 * line indented less: not a clause of the statement above (`else`, `except`...), not what a
 * decorator line decorates, and not after a line indented less (a comment at column 0 between two
 * methods belongs to the class body only when the body goes on after it). The first is kept when
 * `first`; later ones only `minLength` after the last one kept.
 */
function statementStarts(text: string, lines: readonly Line[], from: number, indent: number, minLength: number, startAt: number): number[] {
  const out: number[] = [];
  let last = startAt;
  let decorated = false;
  let shallower = false;
  for (let k = from; k < lines.length; k++) {
    const l = lines[k];
    if (l.indent < indent) {
      if (!l.comment) break;
      shallower = true;
      continue;
    }
    if (l.comment) continue;
    if (l.indent > indent) {
      shallower = false;
      continue;
    }
    CLAUSE.lastIndex = l.start;
    const clause = CLAUSE.test(text);
    if (!decorated && !clause && !shallower && l.lineStart - last >= minLength) {
      out.push(l.lineStart);
      last = l.lineStart;
    }
    decorated = text.charCodeAt(l.start) === AT;
    shallower = false;
  }
  return out;
}

/**
 * Start offsets of the pieces of top-level statements (the first is 0), each piece at least
 * `minLength` code units long (except the last): consecutive statements are kept together up to
 * that length.
 */
export function topLevelChunks(text: string, minLength = 2048): number[] {
  return [0, ...statementStarts(text, logicalLines(text), 0, 0, minLength, 0).filter((s) => s > 0)];
}

/** A piece of a module: top-level statements, or statements of the body of the definition that ends the piece before it. */
export type Piece = { start: number; end: number; body: null } | { start: number; end: number; body: BodyKind };
export type BodyKind = 'class' | 'def';

/** The text a body piece is parsed after, so that its indented statements parse as a body of that kind. */
export const BODY_PREFIX: Record<BodyKind, string> = { class: 'class _:\n', def: 'def _():\n' };

const HEADER = /(?:async[ \t]+)?(def|class)[ \t]/y;

/**
 * The pieces `parsePythonTree` parses: top-level pieces (topLevelChunks), and a top-level piece
 * ending with a definition of `bodyLength` or more is cut again inside that definition's body,
 * before statements at the body's indentation (the same rules one level down). Joined, their
 * trees are the module's tree (the unit test compares both).
 */
export function pythonPieces(text: string, minLength = 2048, bodyLength = 4096): Piece[] {
  const lines = logicalLines(text);
  const tops = [0, ...statementStarts(text, lines, 0, 0, minLength, 0).filter((s) => s > 0)];
  const out: Piece[] = [];
  let k = 0;
  for (let t = 0; t < tops.length; t++) {
    const start = tops[t];
    const end = t + 1 < tops.length ? tops[t + 1] : text.length;
    // the last statement of the piece: its first line at column 0, past any decorators
    let header = -1;
    while (k < lines.length && lines[k].lineStart < end) {
      const l = lines[k];
      if (l.indent === 0 && !l.comment && text.charCodeAt(l.start) !== AT) header = k;
      k++;
    }
    HEADER.lastIndex = header >= 0 ? lines[header].start : 0;
    const kind = header >= 0 && end - lines[header].lineStart >= bodyLength ? HEADER.exec(text)?.[1] : undefined;
    // the body's indentation: the first statement line below the header
    let first = -1;
    for (let j = header + 1; kind && j < lines.length; j++) {
      if (lines[j].comment) continue;
      first = j;
      break;
    }
    const cuts = first > 0 && lines[first].indent > 0 && lines[first].lineStart < end ? statementStarts(text, lines, first, lines[first].indent, minLength, lines[first].lineStart).filter((s) => s < end) : [];
    if (!cuts.length) {
      out.push({ start, end, body: null });
      continue;
    }
    out.push({ start, end: cuts[0], body: null });
    for (let c = 0; c < cuts.length; c++) out.push({ start: cuts[c], end: c + 1 < cuts.length ? cuts[c + 1] : end, body: kind as BodyKind });
  }
  return out;
}

/** The offset after the string literal whose opening quote is at `i`. */
function stringEnd(text: string, i: number, q: number): number {
  const n = text.length;
  const triple = text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q;
  let j = i + (triple ? 3 : 1);
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === BACKSLASH) {
      j += 2;
      continue;
    }
    if (c === q) {
      if (!triple) return j + 1;
      if (text.charCodeAt(j + 1) === q && text.charCodeAt(j + 2) === q) return j + 3;
    } else if (!triple && (c === LF || c === CR)) {
      // an unterminated one-line string ends with its line (the newline is read by the caller)
      return j;
    }
    j++;
  }
  return n;
}
