/**
 * Edit builders over tree-sitter-python trees: the pieces Python codemods
 * compose. Each returns minimal TextEdits that keep the file's indentation,
 * quotes and line endings.
 */
import * as path from 'node:path';
import type { Node } from './tree';
import type { TextEdit } from '../../text/edits';
import { detectEol } from '../../text/positions';
import { callArgs, indentAt } from './ast';
import { findPythonModule } from './bindings';
import { configuredLineLimit, DEFAULT_LINE_LIMIT, pythonLineLimit } from './style';

/**
 * Appends an argument (`timeout=10`) to a call, in the call's own layout:
 * `f(a)` -> `f(a, timeout=10)`; a multi-line call with one argument per line
 * and a trailing comma gets a new line with the same indentation.
 */
export function appendArgument(text: string, call: Node, argText: string): TextEdit {
  const args = call.childForFieldName('arguments');
  if (!args) throw new Error('call without argument list');
  const list = callArgs(call);
  const closeParen = args.endIndex - 1; // position of ')'
  if (!list.length) {
    // `f()` or `f(\n)`
    const inner = text.slice(args.startIndex + 1, closeParen);
    if (inner.trim() === '') return { start: args.startIndex + 1, end: closeParen, newText: argText };
    return { start: closeParen, end: closeParen, newText: argText };
  }
  const last = list[list.length - 1];
  const between = text.slice(last.endIndex, closeParen);
  const trailingComma = between.includes(',');
  const multiline = /[\r\n]/.test(text.slice(args.startIndex, closeParen)) && /[\r\n]/.test(between + text.slice(list[0].startIndex - 1, list[0].startIndex));
  const firstOnOwnLine = /[\r\n][ \t]*$/.test(text.slice(args.startIndex, list[0].startIndex));
  if (firstOnOwnLine || (multiline && trailingComma)) {
    const eol = detectEol(text);
    const indent = indentAt(text, last.startIndex);
    const commaAt = trailingComma ? last.endIndex + between.indexOf(',') + 1 : last.endIndex;
    return { start: commaAt, end: commaAt, newText: `${trailingComma ? '' : ','}${eol}${indent}${argText}${trailingComma ? ',' : ''}` };
  }
  if (trailingComma) {
    const commaAt = last.endIndex + between.indexOf(',') + 1;
    return { start: commaAt, end: commaAt, newText: ` ${argText}` };
  }
  return { start: last.endIndex, end: last.endIndex, newText: `, ${argText}` };
}

/**
 * `appendArgument`, wrapped as black and ruff format a call that the new argument pushes past
 * the file's line limit (`pythonLineLimit`):
 *
 *   r = requests.get(url, auth=HTTPBasicAuth(user, key))     (too long with `timeout=10`)
 *   r = requests.get(
 *       url, auth=HTTPBasicAuth(user, key), timeout=10
 *   )
 *
 * and, when even that line is too long, one argument per line with a trailing comma. A call
 * already split after its `(` with its arguments on one line gets the new one on that line
 * when it fits. The edits only touch the whitespace and commas between the arguments, never
 * the arguments themselves, so a fix may also edit an argument (a log message, a query).
 */
export function addArgument(text: string, call: Node, argText: string, filePath: string | undefined): TextEdit[] {
  const plain = [appendArgument(text, call, argText)];
  const args = call.childForFieldName('arguments');
  const list = callArgs(call);
  if (!args || !list.length) return plain;
  const open = args.startIndex;
  const close = args.endIndex - 1;
  const last = list[list.length - 1];
  // comments between the arguments, or arguments spread over lines: the plain edit keeps the layout
  const inside = text.slice(list[0].startIndex, close);
  if (inside.includes('#') && /#/.test(inside.replace(/(["'])(?:\\.|(?!\1).)*\1/g, ''))) return plain;
  if (/[\r\n]/.test(text.slice(list[0].startIndex, last.endIndex))) return plain;
  if (text.slice(last.endIndex, close).includes(',')) return plain; // a magic trailing comma: the formatter keeps one per line
  const eol = detectEol(text);
  const limit = pythonLineLimit(filePath, text);
  const lineStartOf = (i: number): number => Math.max(text.lastIndexOf('\n', i - 1) + 1, 0);
  const lineEndOf = (i: number): number => {
    const n = text.indexOf('\n', i);
    return (n < 0 ? text.length : n) - (text[(n < 0 ? text.length : n) - 1] === '\r' ? 1 : 0);
  };
  const addition = `, ${argText}`;
  // `(  # a comment` stays where it is
  const hugged = /^[ \t]*(#[^\r\n]*)?\r?\n[ \t]*$/.test(text.slice(open + 1, list[0].startIndex)) && /^[ \t]*\r?\n[ \t]*$/.test(text.slice(last.endIndex, close));
  const singleLine = !/[\r\n]/.test(text.slice(open, close));
  if (!hugged && !singleLine) return plain;
  const indent = indentAt(text, lineStartOf(open));
  const inner = hugged ? indentAt(text, list[0].startIndex) : `${indent}    `;
  const body = text.slice(list[0].startIndex, last.endIndex) + addition;
  if (hugged) {
    if (inner.length + body.length <= limit) return [{ start: last.endIndex, end: last.endIndex, newText: addition }];
  } else {
    const lineStart = lineStartOf(open);
    const after = text.slice(close + 1, lineEndOf(close));
    // after `)` only a chain of plain trailers (`.json()`), a colon or a comment: black splits at this call
    const tail = /^((?:\.\w+(?:\(\))?)*:?)[ \t]*(#.*)?$/.exec(after);
    if (!tail) return plain;
    // a trailing comment does not count: the formatters leave a long comment alone
    const length = close + 1 + tail[1].length - lineStart;
    if (length + addition.length <= limit) return plain;
    // a line its author already wrote past the default, in a project that sets no limit: no formatter keeps it
    if (length > DEFAULT_LINE_LIMIT && configuredLineLimit(filePath) === null) return plain;
    if (inner.length + body.length <= limit) {
      return [
        { start: open + 1, end: list[0].startIndex, newText: `${eol}${inner}` },
        { start: last.endIndex, end: close, newText: `${addition}${eol}${indent}` },
      ];
    }
  }
  // one argument per line, with a trailing comma
  const edits: TextEdit[] = hugged ? [] : [{ start: open + 1, end: list[0].startIndex, newText: `${eol}${inner}` }];
  for (let i = 0; i + 1 < list.length; i++) edits.push({ start: list[i].endIndex, end: list[i + 1].startIndex, newText: `,${eol}${inner}` });
  edits.push({ start: last.endIndex, end: close, newText: `,${eol}${inner}${argText},${eol}${indent}` });
  return edits;
}

// ---------------------------------------------------------------------------
// Imports in the file's own style.
//
// A new import goes where isort (or ruff's `I` rules) would put it, read from the file itself:
// its section (future, standard library, third-party, first-party, relative), the blank lines
// that separate the file's sections, the order inside a section when the file keeps it sorted
// (isort's default of `import x` before `from x import y`, or module order across both with
// `force_sort_within_sections`), and a name merged into an existing `from m import a, b` only
// when the file merges: a file that repeats a module over one-name `from` lines
// (`force_single_line`) gets a new line.

const STDLIB = new Set(
  ('abc aifc argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb binascii bisect builtins bz2 cProfile ' +
    'calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall concurrent configparser contextlib ' +
    'contextvars copy copyreg crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis distutils doctest email ' +
    'encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch fractions ftplib functools gc getopt getpass ' +
    'gettext glob graphlib grp gzip hashlib heapq hmac html http imaplib imghdr imp importlib inspect io ipaddress itertools ' +
    'json keyword lib2to3 linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msvcrt ' +
    'multiprocessing netrc nis nntplib ntpath numbers opcode operator optparse os pathlib pdb pickle pickletools pipes pkgutil ' +
    'platform plistlib poplib posix posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc queue quopri random re ' +
    'readline reprlib resource rlcompleter runpy sched secrets select selectors shelve shlex shutil signal site smtpd smtplib ' +
    'sndhdr socket socketserver spwd sqlite3 sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct ' +
    'subprocess sunau symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap threading time timeit ' +
    'tkinter token tokenize tomllib trace traceback tracemalloc tty turtle types typing unicodedata unittest urllib uu uuid ' +
    'venv warnings wave weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo').split(' '),
);

/** Distributions that are third-party wherever they are imported (a project module of the same name wins). */
const KNOWN_THIRD_PARTY = new Set(
  ('django rest_framework celery kombu stripe requests httpx aiohttp urllib3 flask werkzeug jinja2 fastapi starlette pydantic ' +
    'sqlalchemy alembic redis boto3 botocore filelock jwt yaml dateutil pytz numpy pandas pytest structlog loguru sentry_sdk ' +
    'marshmallow graphene psycopg psycopg2 channels corsheaders environ decouple').split(' '),
);

const enum Section {
  Future = 0,
  Stdlib = 1,
  ThirdParty = 2,
  FirstParty = 3,
  Local = 4,
}

interface HeaderImport {
  stmt: Node;
  /** `import x` (false) or `from x import y` (true) */
  from: boolean;
  module: string;
  /** imported names (`from` imports), in order */
  names: Node[];
  section: Section | null;
  /** index of the blank-line separated block the import belongs to */
  block: number;
}

interface Header {
  /** top-level imports of the module header, in order (not those under `if TYPE_CHECKING:` or in `try:`) */
  imports: HeaderImport[];
  /** names the module binds by imports at run time, also in `try: ... except ImportError:` blocks */
  bound: Set<string>;
  /** `import x` modules bound at run time */
  modules: Set<string>;
  /** where a first import goes when there is none: after the docstring and leading comments */
  firstAt: number;
}

function topName(module: string): string {
  return module.split('.')[0];
}

function isImport(stmt: Node): boolean {
  return stmt.type === 'import_statement' || stmt.type === 'import_from_statement' || stmt.type === 'future_import_statement';
}

/** `if TYPE_CHECKING:` / `if typing.TYPE_CHECKING:`: imports for the type checker only. */
function isTypeCheckingBlock(stmt: Node): boolean {
  return stmt.type === 'if_statement' && /^(typing\.)?TYPE_CHECKING$/.test(stmt.childForFieldName('condition')?.text ?? '');
}

/** `try: import x` / `except ImportError: ...`: an optional import, bound at run time, never merged into. */
function isImportTry(stmt: Node): boolean {
  if (stmt.type !== 'try_statement') return false;
  const body = stmt.childForFieldName('body');
  return !!body && body.namedChildren.every((c) => c.type === 'comment' || isImport(c) || c.type === 'pass_statement');
}

function collectBound(stmt: Node, bound: Set<string>, modules: Set<string>): void {
  const stack = [stmt];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'import_statement') {
      for (const name of n.childrenForFieldName('name')) {
        if (name.type === 'aliased_import') bound.add(name.childForFieldName('alias')?.text ?? '');
        else {
          modules.add(name.text);
          bound.add(topName(name.text));
        }
      }
    } else if (n.type === 'import_from_statement') {
      for (const name of n.childrenForFieldName('name')) {
        bound.add(name.type === 'aliased_import' ? name.childForFieldName('alias')?.text ?? '' : name.text);
      }
    } else if (n.type !== 'function_definition' && n.type !== 'class_definition') {
      for (const c of n.namedChildren) stack.push(c);
    }
  }
}

/** Reads the module header: imports up to the first other statement (a docstring and comments may stand before them). */
function readHeader(text: string, root: Node): Header {
  const imports: HeaderImport[] = [];
  const bound = new Set<string>();
  const modules = new Set<string>();
  let firstAt = 0;
  let seenDocstring = false;
  let block = 0;
  let prevEnd = -1;
  for (const stmt of root.namedChildren) {
    if (stmt.type === 'comment') {
      // a header comment (shebang, coding line, licence block followed by a blank line) stays above a
      // first import; a comment directly above code belongs to that code
      if (!imports.length && (/^#!|coding[:=]/.test(stmt.text) || /^[^\n]*\r?\n[ \t]*\r?\n/.test(text.slice(stmt.endIndex)))) firstAt = stmt.endIndex;
      continue;
    }
    if (stmt.type === 'expression_statement' && stmt.namedChildren[0]?.type === 'string' && !imports.length && !seenDocstring) {
      seenDocstring = true;
      firstAt = stmt.endIndex;
      continue;
    }
    if (isImport(stmt)) {
      if (prevEnd >= 0 && /\n[ \t]*\r?\n/.test(text.slice(prevEnd, stmt.startIndex))) block++;
      prevEnd = stmt.endIndex;
      collectBound(stmt, bound, modules);
      const from = stmt.type !== 'import_statement';
      const names = from ? stmt.childrenForFieldName('name') : [];
      const module = from ? (stmt.type === 'future_import_statement' ? '__future__' : stmt.childForFieldName('module_name')?.text ?? '') : stmt.childrenForFieldName('name')[0]?.text.split(/\s+as\s+/)[0] ?? '';
      imports.push({ stmt, from, module, names, section: null, block });
      continue;
    }
    if (isImportTry(stmt)) {
      collectBound(stmt, bound, modules);
      // an optional import ends a run of imports like a blank line does
      block++;
      prevEnd = -1;
      continue;
    }
    if (isTypeCheckingBlock(stmt)) {
      block++;
      prevEnd = -1;
      continue;
    }
    break;
  }
  return { imports, bound, modules, firstAt };
}

/** The section of a module, or null when only the file's layout can tell (not stdlib, not known, not found in the project). */
function knownSection(module: string, filePath: string | undefined): Section | null {
  if (module.startsWith('.')) return Section.Local;
  if (module === '__future__') return Section.Future;
  const top = topName(module);
  if (STDLIB.has(top)) return Section.Stdlib;
  if (filePath && path.isAbsolute(filePath) && findPythonModule(filePath, top)) return Section.FirstParty;
  if (KNOWN_THIRD_PARTY.has(top)) return Section.ThirdParty;
  return null;
}

/**
 * Sections of the header's imports. Modules neither known nor found in the project take the
 * section of a known neighbour in their block; a block of only such modules is first-party
 * when a third-party block comes before it, else third-party.
 */
function classify(header: Header, filePath: string | undefined): void {
  for (const imp of header.imports) imp.section = knownSection(imp.module, filePath);
  const blocks = new Map<number, HeaderImport[]>();
  for (const imp of header.imports) blocks.set(imp.block, [...(blocks.get(imp.block) ?? []), imp]);
  let thirdSeen = false;
  for (const list of [...blocks.values()]) {
    const known = list.map((i) => i.section).filter((s): s is Section => s === Section.ThirdParty || s === Section.FirstParty);
    const guess = known.length ? Math.max(...known) : thirdSeen ? Section.FirstParty : Section.ThirdParty;
    for (const imp of list) {
      if (imp.section === null) {
        imp.section = guess;
        if (guess === Section.ThirdParty) thirdSeen = true;
      }
    }
    if (list.some((i) => i.section === Section.ThirdParty)) thirdSeen = true;
  }
}

/** isort's `order_by_type`: CONSTANTS, then Classes, then other names, case-insensitively within each. */
function nameKey(name: string): string {
  const rank = /^[A-Z0-9_]+$/.test(name) && /[A-Z]/.test(name) ? 0 : /^[A-Z]/.test(name) ? 1 : 2;
  return `${rank}${name.toLowerCase()}`;
}

function importedName(n: Node): string {
  return n.type === 'aliased_import' ? n.childForFieldName('name')?.text ?? n.text : n.text;
}

type Key = Array<string | number>;

function compareKeys(a: Key, b: Key): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return a.length - b.length;
}

interface NewImport {
  from: boolean;
  module: string;
  name: string;
}

/** isort's default order (`import x` lines first) and `force_sort_within_sections` (module order across both). */
const ORDERS: Array<(i: NewImport) => Key> = [
  (i) => [i.from ? 1 : 0, i.module.toLowerCase(), nameKey(i.name)],
  (i) => [i.module.toLowerCase(), i.from ? 1 : 0, nameKey(i.name)],
];

function asNew(imp: HeaderImport): NewImport {
  return { from: imp.from, module: imp.module, name: imp.from ? importedName(imp.names[0] ?? imp.stmt) : '' };
}

function isSorted<T>(list: T[], key: (x: T) => Key): boolean {
  for (let i = 1; i < list.length; i++) if (compareKeys(key(list[i - 1]), key(list[i])) > 0) return false;
  return true;
}

/** Offset of the end of the line holding `at` (before its line break): a trailing comment stays on its line. */
function lineEndAt(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  if (nl < 0) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

function insertAfter(text: string, stmt: Node, line: string, blankBefore = false): TextEdit {
  const eol = detectEol(text);
  const at = lineEndAt(text, stmt.endIndex);
  return { start: at, end: at, newText: `${eol}${blankBefore ? eol : ''}${line}` };
}

function insertBefore(text: string, stmt: Node, line: string, blankAfter = false): TextEdit {
  const eol = detectEol(text);
  return { start: stmt.startIndex, end: stmt.startIndex, newText: `${line}${eol}${blankAfter ? eol : ''}` };
}

/** A first import in a module without any: after the docstring and header comments, blank lines around it. */
function insertFirst(text: string, root: Node, header: Header, line: string): TextEdit {
  const eol = detectEol(text);
  const at = header.firstAt;
  const next = root.namedChildren.find((s) => s.startIndex >= at && s.type !== 'comment');
  // blank lines the code after it wants: two before a def or class (PEP 8), one otherwise
  const wanted = !next ? 0 : /^(function_definition|class_definition|decorated_definition)$/.test(next.type) ? 2 : 1;
  const rest = text.slice(at);
  const breaks = (/^(?:[ \t]*\r?\n)*/.exec(rest)?.[0].match(/\n/g) ?? []).length;
  if (at === 0) return { start: 0, end: 0, newText: `${line}${eol}${eol.repeat(Math.max(0, wanted - breaks))}` };
  // `at` ends the docstring or comment line: its own line break is the first of `breaks`
  if (!rest.trim()) return { start: at, end: at, newText: `${eol}${eol}${line}${breaks ? '' : eol}` };
  return { start: at, end: at, newText: `${eol}${eol}${line}${eol.repeat(Math.max(0, wanted - (breaks - 1)))}` };
}

/** The edit adding `line` (an import of `imp`) at its place in the header. */
function placeImport(text: string, root: Node, header: Header, imp: NewImport, line: string, filePath: string | undefined): TextEdit {
  if (!header.imports.length) return insertFirst(text, root, header, line);
  classify(header, filePath);
  const sameTop = header.imports.filter((i) => topName(i.module) === topName(imp.module) && !imp.module.startsWith('.'));
  const section = sameTop[0]?.section ?? knownSection(imp.module, filePath) ?? Section.ThirdParty;
  const inSection = header.imports.filter((i) => i.section === section);
  if (inSection.length) {
    // the block of the same package when the file has one (isort's known_* sections), else the last of the section
    const block = (sameTop.length ? sameTop[sameTop.length - 1] : inSection[inSection.length - 1]).block;
    const run = inSection.filter((i) => i.block === block);
    const order = ORDERS.find((key) => isSorted(run, (i) => key(asNew(i))));
    if (order) {
      const next = run.find((i) => compareKeys(order(imp), order(asNew(i))) < 0);
      if (next) return insertBefore(text, next.stmt, line);
      return insertAfter(text, run[run.length - 1].stmt, line);
    }
    const sameModule = run.filter((i) => i.module === imp.module);
    return insertAfter(text, (sameModule.length ? sameModule : run)[sameModule.length ? sameModule.length - 1 : run.length - 1].stmt, line);
  }
  // a section the file does not have yet: between the sections before and after it
  const before = header.imports.filter((i) => i.section! < section);
  const after = header.imports.filter((i) => i.section! > section);
  const prev = before[before.length - 1];
  const next = after[0];
  // does the file leave a blank line between its sections?
  const separated = !header.imports.some((i, k) => k > 0 && header.imports[k - 1].section !== i.section && header.imports[k - 1].block === i.block);
  if (prev) return insertAfter(text, prev.stmt, line, separated);
  return insertBefore(text, next.stmt, line, separated);
}

/**
 * A file writes one name per `from` line (isort's `force_single_line`) when it repeats a
 * module over several `from` lines and never imports two names on one; a single line with
 * two names says the file merges.
 */
function singleNamePerLine(header: Header): boolean {
  const froms = header.imports.filter((i) => i.from && i.module !== '__future__');
  if (froms.some((i) => i.names.length > 1)) return false;
  const seen = new Set<string>();
  for (const i of froms) {
    if (seen.has(i.module)) return true;
    seen.add(i.module);
  }
  return false;
}

/** Adds `name` to an existing `from m import ...`, at its sorted place when the names are sorted. */
function mergeName(text: string, stmt: Node, names: Node[], name: string): TextEdit {
  const eol = detectEol(text);
  const lastName = names[names.length - 1];
  const parenthesised = text.slice(lastName.endIndex, stmt.endIndex).includes(')');
  const multiline = parenthesised && /[\r\n]/.test(text.slice(stmt.startIndex, stmt.endIndex));
  const lines = new Set(names.map((n) => text.slice(0, n.startIndex).split('\n').length));
  const onePerLine = multiline && lines.size === names.length;
  const sorted = isSorted(names, (n) => [nameKey(importedName(n))]);
  const next = sorted ? names.find((n) => nameKey(name) < nameKey(importedName(n))) : undefined;
  if (next) {
    if (onePerLine) return { start: next.startIndex, end: next.startIndex, newText: `${name},${eol}${indentAt(text, next.startIndex)}` };
    return { start: next.startIndex, end: next.startIndex, newText: `${name}, ` };
  }
  if (multiline) {
    const after = text.slice(lastName.endIndex, stmt.endIndex);
    const comma = after.indexOf(',');
    const trailingComma = comma >= 0 && comma < after.indexOf(')');
    const at = trailingComma ? lastName.endIndex + comma + 1 : lastName.endIndex;
    if (!onePerLine) return { start: lastName.endIndex, end: lastName.endIndex, newText: `, ${name}` };
    return { start: at, end: at, newText: `${trailingComma ? '' : ','}${eol}${indentAt(text, lastName.startIndex)}${name}${trailingComma ? ',' : ''}` };
  }
  return { start: lastName.endIndex, end: lastName.endIndex, newText: `, ${name}` };
}

/**
 * Makes `from <module> import <name>` available: nothing when already imported (also in a
 * `try: ... except ImportError:` block), merged into the file's `from <module> import ...`
 * when the file merges, else a new line in the module's isort section. `filePath` (absolute)
 * lets the project's own packages count as first-party.
 */
export function ensureFromImport(text: string, root: Node, module: string, name: string, filePath?: string): TextEdit | null {
  const header = readHeader(text, root);
  const same = header.imports.filter((i) => i.from && i.module === module);
  for (const i of same) {
    if (i.names.some((n) => importedName(n) === name && n.type !== 'aliased_import')) return null;
    if (i.stmt.namedChildren.some((c) => c.type === 'wildcard_import')) return null;
  }
  if (tryImported(root, module, name)) return null;
  const mergeable = same.filter((i) => i.names.length && !i.stmt.namedChildren.some((c) => c.type === 'wildcard_import'));
  if (mergeable.length && !singleNamePerLine(header)) {
    const target = mergeable[mergeable.length - 1];
    return mergeName(text, target.stmt, target.names, name);
  }
  return placeImport(text, root, header, { from: true, module, name }, `from ${module} import ${name}`, filePath);
}

/** Makes `import <module>` available (nothing when the module is already imported under its own name). */
export function ensureImport(text: string, root: Node, module: string, filePath?: string): TextEdit | null {
  const header = readHeader(text, root);
  if (header.modules.has(module)) return null;
  return placeImport(text, root, header, { from: false, module, name: '' }, `import ${module}`, filePath);
}

/** `from <module> import <name>` inside a top-level `try:` block (an optional import the file already makes). */
function tryImported(root: Node, module: string, name: string): boolean {
  for (const stmt of root.namedChildren) {
    if (!isImportTry(stmt)) continue;
    for (const c of stmt.childForFieldName('body')?.namedChildren ?? []) {
      if (c.type === 'import_from_statement' && c.childForFieldName('module_name')?.text === module && c.childrenForFieldName('name').some((n) => n.type !== 'aliased_import' && n.text === name)) return true;
    }
  }
  return false;
}

/** `[start, end)` widened to whole lines when nothing else stands on them (the line break after included). */
export function wholeLines(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
  if (s > 0 && text[s - 1] !== '\n') return { start, end };
  let e = end;
  while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
  if (text[e] === '\r') e++;
  if (e < text.length && text[e] !== '\n') return { start, end };
  return { start: s, end: Math.min(text.length, e + 1) };
}

/**
 * Removes the module-level import that binds `local` (`from m import a` loses its line, `from m
 * import a, b` loses `a`); null when no such import exists. The caller checks the name is unused.
 */
export function removeImportedName(text: string, root: Node, local: string): TextEdit | null {
  for (const stmt of root.namedChildren) {
    if (stmt.type !== 'import_from_statement' && stmt.type !== 'import_statement') continue;
    const names = stmt.childrenForFieldName('name');
    const idx = names.findIndex((n) => (n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : stmt.type === 'import_statement' ? n.text.split('.')[0] : n.text) === local);
    if (idx < 0) continue;
    const cut = (r: { start: number; end: number }): TextEdit => ({ start: r.start, end: r.end, newText: '' });
    if (names.length === 1) {
      // the whole statement, with a comment that trails it on its line (`# noqa`)
      const nl = text.indexOf('\n', stmt.endIndex);
      const rest = text.slice(stmt.endIndex, nl < 0 ? text.length : nl).replace(/\r$/, '');
      return cut(wholeLines(text, stmt.startIndex, /^\s*#/.test(rest) ? stmt.endIndex + rest.length : stmt.endIndex));
    }
    const n = names[idx];
    if (idx < names.length - 1) {
      const next = names[idx + 1];
      const between = text.slice(n.endIndex, next.startIndex);
      // one name per line: the whole line goes
      if (/\n/.test(between)) return cut(wholeLines(text, n.startIndex, n.endIndex + between.indexOf(',') + 1));
      return cut({ start: n.startIndex, end: next.startIndex });
    }
    const prev = names[idx - 1];
    if (/\n/.test(text.slice(prev.endIndex, n.startIndex))) {
      // `a,\n    b,\n)`: b's line goes, its trailing comma with it
      const after = /^\s*,/.exec(text.slice(n.endIndex))?.[0].length ?? 0;
      return cut(wholeLines(text, n.startIndex, n.endIndex + after));
    }
    return cut({ start: prev.endIndex, end: n.endIndex });
  }
  return null;
}
