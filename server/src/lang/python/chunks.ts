/**
 * Where a Python module can be cut into pieces that parse on their own: the starts of its
 * top-level statements.
 *
 * A top-level statement starts at column 0 of a line that is not inside brackets, a string or a
 * backslash continuation, and is not the `else` / `elif` / `except` / `finally` of the compound
 * statement before it, nor the definition a decorator line above it decorates. (In a text with
 * an unclosed bracket, a `def` or `class` at column 0 closes it: no valid module has one there.) There the
 * indentation stack of the tokenizer is empty, so the module's tree is the concatenation of the
 * pieces' trees (the unit test compares both on real modules).
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

/**
 * Start offsets of the pieces (the first is 0), each piece at least `minLength` code units long
 * (except the last): consecutive statements are kept together up to that length.
 */
export function topLevelChunks(text: string, minLength = 2048): number[] {
  const starts = [0];
  const n = text.length;
  let depth = 0;
  let atLineStart = true;
  /** the last top-level statement line was a decorator: the next one is what it decorates */
  let decorated = false;
  let last = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (atLineStart) {
      atLineStart = false;
      if (c !== SPACE && c !== TAB && c !== LF && c !== CR && c !== FF && c !== HASH) {
        CLAUSE.lastIndex = i;
        if (!decorated && i - last >= minLength && !CLAUSE.test(text)) {
          starts.push(i);
          last = i;
        }
        decorated = c === AT;
      } else if (c === LF || c === CR) {
        // a blank line: the next one starts a line too
        atLineStart = depth === 0;
        i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        continue;
      }
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
      // `def` and `class` never stand inside brackets: at column 0 they end an unclosed bracket
      // (a `)` commented out while typing) instead of joining the rest of the file to it
      if (depth > 0) {
        DEFINITION.lastIndex = i + (c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1);
        if (DEFINITION.test(text)) depth = 0;
      }
      if (depth === 0) atLineStart = true;
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      continue;
    }
    i++;
  }
  return starts;
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
