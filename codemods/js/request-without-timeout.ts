/**
 * Codemod: give outgoing HTTP calls a timeout.
 *
 *   axios.get(url)                  -> axios.get(url, { timeout: 10_000 })
 *   axios.post(url, body, { headers }) -> axios.post(url, body, { headers, timeout: 10_000 })
 *   axios.post(url)                 -> axios.post(url, undefined, { timeout: 10_000 })
 *   axios({ url, method })          -> axios({ url, method, timeout: 10_000 })
 *   axios.create({ baseURL })       -> axios.create({ baseURL, timeout: 10_000 })
 *   fetch(url)                      -> fetch(url, { signal: AbortSignal.timeout(10_000) })
 *   fetch(url, { method: "POST" })  -> fetch(url, { method: "POST", signal: AbortSignal.timeout(10_000) })
 *
 * Standard jscodeshift transform: `(file, api, options) => string | undefined`.
 * Standalone (`jscodeshift -t codemods/js/request-without-timeout.ts --parser=ts src/`)
 * it finds the sites itself, through imports, `require`, aliases and
 * `axios.create()` instances; the engine passes `options.range` (one call) and
 * `options.site` (what its detector resolved) to change a single site.
 *
 * The AST only locates the sites: the edits are spliced into the original text,
 * so the file keeps its layout, trailing commas, quotes and line endings
 * (recast would reprint the whole object literal).
 */
import type { API, FileInfo, Options } from 'jscodeshift';

export const TIMEOUT_MS_TEXT = '10_000';

/** What the detector resolved about one call: where its config argument is and which key bounds it. */
export interface SiteHint {
  /** Index of the config / init argument. */
  configIndex: number;
  key: 'timeout' | 'signal';
}

const AXIOS_MODULES = new Set(['axios']);
const FETCH_MODULES = new Set(['node-fetch', 'cross-fetch', 'isomorphic-fetch', 'undici']);
/** Config argument position per axios method. */
export const AXIOS_CONFIG_INDEX: Record<string, number> = {
  get: 1,
  delete: 1,
  head: 1,
  options: 1,
  post: 2,
  put: 2,
  patch: 2,
  postForm: 2,
  putForm: 2,
  patchForm: 2,
  request: 0,
};

/** Babel AST nodes (jscodeshift ts/tsx parsers) always carry UTF-16 `start`/`end`. */
type AnyNode = { type: string; start: number; end: number; [k: string]: any };

interface Edit {
  at: number;
  end: number;
  text: string;
}

/**
 * Babel's parser, as jscodeshift configures it, run on the original text. `j(source)` goes through
 * recast, which hands the parser a normalised copy (CRLF -> LF, leading tabs expanded), so its node
 * offsets do not match the file when it has CRLF line endings or tab indentation.
 */
// loaded at first use: a scan that computes no fix never needs the parser
const getParser = (name: string): { parse(code: string): AnyNode } => (require('jscodeshift/src/getParser') as (n: string) => { parse(code: string): AnyNode })(name);

function parserName(filePath: string, requested: unknown): string {
  if (requested === 'ts' || requested === 'tsx' || requested === 'babel' || requested === 'babylon' || requested === 'flow') {
    return requested;
  }
  return /\.(ts|mts|cts)$/i.test(filePath) ? 'ts' : 'tsx';
}

export default function transformer(file: FileInfo, api: API, options: Options): string | undefined {
  void api; // sites are found on our own parse (exact offsets), edits spliced into the text
  const src = file.source;
  let ast: AnyNode;
  try {
    ast = getParser(parserName(file.path, options.parser)).parse(src);
  } catch {
    return undefined; // unparsable input: nothing to do
  }
  const program = (ast.type === 'File' ? ast.program : ast) as AnyNode;
  const range = options.range as { start: number; end: number } | undefined;
  const hint = options.site as SiteHint | undefined;
  const eol = src.includes('\r\n') ? '\r\n' : '\n';

  const names = collectNames(program);
  const frontend = !range && isFrontend(program, file.path);

  const edits: Edit[] = [];
  walk(program, (call, parents) => {
    if (call.type !== 'CallExpression' && call.type !== 'OptionalCallExpression') return;
    if (range && (call.start !== range.start || call.end !== range.end)) return; // `fetch(u).then(f)` starts where `fetch(u)` does
    let site: SiteHint | null = null;
    if (range && hint) site = needsBound(call, hint, true) ? hint : null; // the detector vetted the site (spreads included)
    else site = classify(call, parents, names, frontend);
    if (!site) return;
    const e = planEdits(src, call, site, eol, !!(range && hint));
    if (e) edits.push(...e);
  });
  if (!edits.length) return undefined;
  edits.sort((a, b) => b.at - a.at);
  let out = src;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.end);
  return out === src ? undefined : out;
}

// ---------------------------------------------------------------- binding

interface Names {
  /** local names bound to the axios module (default import, require, namespace) */
  axios: Set<string>;
  /** local names bound to a fetch function from a fetch module */
  fetch: Set<string>;
  /** `fetch` is declared locally to something we do not know */
  fetchShadowed: boolean;
  /** `axios.defaults.timeout = ...` somewhere in the file */
  axiosDefaultsTimeout: boolean;
  /** instance names whose `.defaults.timeout` is set (`api`, `this.client`) */
  configuredInstances: Set<string>;
}

function requireOf(node: AnyNode | null | undefined): string | null {
  if (!node) return null;
  if (node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression' || node.type === 'ParenthesizedExpression') return requireOf(node.expression);
  // require("x").default
  if (node.type === 'MemberExpression' && !node.computed && node.property?.name === 'default') return requireOf(node.object);
  if (
    node.type === 'CallExpression' &&
    node.callee?.type === 'Identifier' &&
    node.callee.name === 'require' &&
    node.arguments.length === 1 &&
    (node.arguments[0].type === 'StringLiteral' || node.arguments[0].type === 'Literal') &&
    typeof node.arguments[0].value === 'string'
  ) {
    return node.arguments[0].value;
  }
  return null;
}

function collectNames(program: AnyNode): Names {
  const names: Names = {
    axios: new Set(),
    fetch: new Set(),
    fetchShadowed: false,
    axiosDefaultsTimeout: false,
    configuredInstances: new Set(),
  };
  const fetchDeclared: string[] = [];
  walk(program, (n) => {
    if (n.type === 'ImportDeclaration' && typeof n.source?.value === 'string') {
      const mod = n.source.value as string;
      for (const s of n.specifiers ?? []) {
        const local = s.local?.name as string | undefined;
        if (!local) continue;
        const imported = s.type === 'ImportSpecifier' ? (s.imported?.name ?? s.imported?.value) : 'default';
        if (AXIOS_MODULES.has(mod) && (s.type !== 'ImportSpecifier' || imported === 'default')) names.axios.add(local);
        if (FETCH_MODULES.has(mod)) {
          if (mod === 'undici' ? imported === 'fetch' : s.type !== 'ImportSpecifier' || imported === 'default' || imported === 'fetch') {
            names.fetch.add(local);
          }
        }
      }
    } else if (n.type === 'VariableDeclarator') {
      const mod = requireOf(n.init);
      if (n.id?.type === 'Identifier') {
        if (mod && AXIOS_MODULES.has(mod)) names.axios.add(n.id.name);
        else if (mod && FETCH_MODULES.has(mod) && mod !== 'undici') names.fetch.add(n.id.name);
        else if (n.id.name === 'fetch') fetchDeclared.push(n.id.name);
      } else if (n.id?.type === 'ObjectPattern' && mod) {
        for (const p of n.id.properties ?? []) {
          const key = p.key?.name ?? p.key?.value;
          const local = p.value?.type === 'Identifier' ? p.value.name : null;
          if (!local) continue;
          if (FETCH_MODULES.has(mod) && (key === 'fetch' || key === 'default')) names.fetch.add(local);
          else if (AXIOS_MODULES.has(mod) && key === 'default') names.axios.add(local);
          else if (local === 'fetch') fetchDeclared.push(local);
        }
      }
    } else if ((n.type === 'FunctionDeclaration' || n.type === 'ClassDeclaration') && n.id?.name === 'fetch') {
      fetchDeclared.push('fetch');
    } else if (
      (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'ObjectMethod' || n.type === 'ClassMethod') &&
      (n.params ?? []).some((p: AnyNode) => paramNames(p).includes('fetch'))
    ) {
      fetchDeclared.push('fetch');
    } else if (n.type === 'AssignmentExpression' && n.operator === '=') {
      const l = n.left;
      if (l?.type === 'MemberExpression' && !l.computed && l.property?.name === 'timeout') {
        const d = l.object;
        if (d?.type === 'MemberExpression' && !d.computed && d.property?.name === 'defaults') {
          const owner = exprText(d.object);
          if (owner) names.configuredInstances.add(owner);
        }
      }
    }
  });
  for (const inst of names.configuredInstances) if (names.axios.has(inst)) names.axiosDefaultsTimeout = true;
  names.fetchShadowed = fetchDeclared.length > 0 && !names.fetch.has('fetch');
  return names;
}

function paramNames(p: AnyNode): string[] {
  if (!p) return [];
  if (p.type === 'Identifier') return [p.name];
  if (p.type === 'AssignmentPattern') return paramNames(p.left);
  if (p.type === 'TSParameterProperty') return paramNames(p.parameter);
  if (p.type === 'RestElement') return paramNames(p.argument);
  if (p.type === 'ObjectPattern') return (p.properties ?? []).flatMap((q: AnyNode) => paramNames(q.value ?? q.argument));
  if (p.type === 'ArrayPattern') return (p.elements ?? []).flatMap((q: AnyNode) => paramNames(q));
  return [];
}

/** `api`, `this.client`, `axios` -> text; anything else -> null. */
function exprText(n: AnyNode | null | undefined): string | null {
  if (!n) return null;
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'ThisExpression') return 'this';
  if (n.type === 'MemberExpression' && !n.computed && n.property?.type === 'Identifier') {
    const o = exprText(n.object);
    return o ? `${o}.${n.property.name}` : null;
  }
  return null;
}

/** A .jsx/.tsx/.js file with JSX, or any file with a 'use client' directive, is browser code. */
function isFrontend(program: AnyNode, filePath: string): boolean {
  for (const d of program.directives ?? []) if (d.value?.value === 'use client') return true;
  for (const s of program.body ?? []) {
    if (s.type === 'ExpressionStatement' && s.expression?.type === 'StringLiteral' && s.expression.value === 'use client') return true;
  }
  if (/\.(ts|mts|cts)$/i.test(filePath)) return false;
  let jsx = false;
  walk(program, (n) => {
    if (n.type === 'JSXElement' || n.type === 'JSXFragment') jsx = true;
  });
  return jsx;
}

/** Pre-order walk over a Babel AST; `parents` is the chain of ancestors, nearest last. */
function walk(node: AnyNode, fn: (n: AnyNode, parents: AnyNode[]) => void, parents: AnyNode[] = []): void {
  fn(node, parents);
  parents.push(node);
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'comments' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments' || key === 'tokens' || key === 'extra') continue;
    const v = node[key];
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c.type === 'string') walk(c, fn, parents);
    } else if (v && typeof v === 'object' && typeof v.type === 'string') walk(v, fn, parents);
  }
  parents.pop();
}

// ---------------------------------------------------------------- classification

function unwrap(n: AnyNode): AnyNode {
  while (n && (n.type === 'TSAsExpression' || n.type === 'TSNonNullExpression' || n.type === 'ParenthesizedExpression' || n.type === 'TSSatisfiesExpression')) n = n.expression;
  return n;
}

/** Is this expression the axios module? */
function isAxios(n: AnyNode, names: Names): boolean {
  n = unwrap(n);
  if (n.type === 'Identifier') return names.axios.has(n.name);
  // axios.default (namespace import / CommonJS interop)
  if (n.type === 'MemberExpression' && !n.computed && n.property?.name === 'default') return isAxios(n.object, names);
  const mod = requireOf(n);
  return !!mod && AXIOS_MODULES.has(mod);
}

/** Where a call's timeout goes, or null when the call is not a site (or already bounded). */
function classify(call: AnyNode, parents: AnyNode[], names: Names, frontend: boolean): SiteHint | null {
  const callee = unwrap(call.callee);
  let site: SiteHint | null = null;
  let instanceOwner: string | null = null;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property?.type === 'Identifier' && isAxios(callee.object, names)) {
    const m = callee.property.name as string;
    if (names.axiosDefaultsTimeout) return null;
    if (m === 'create') {
      site = { configIndex: 0, key: 'timeout' };
      instanceOwner = ownerOfCreate(parents);
    } else if (m in AXIOS_CONFIG_INDEX) site = { configIndex: AXIOS_CONFIG_INDEX[m], key: 'timeout' };
    else return null;
  } else if (isAxios(callee, names) && callee.type !== 'CallExpression') {
    if (names.axiosDefaultsTimeout) return null;
    // axios(config) or axios(url, config)
    const first = call.arguments[0] ? unwrap(call.arguments[0]) : null;
    if (!first) return null;
    if (first.type === 'ObjectExpression') site = { configIndex: 0, key: 'timeout' };
    else if (call.arguments.length < 2 && !isStringLike(first)) return null; // a lone variable may be the config
    else site = { configIndex: 1, key: 'timeout' };
  } else if (isFetch(callee, names)) {
    if (frontend) return null;
    site = { configIndex: 1, key: 'signal' };
  }
  if (!site) return null;
  if (frontend) return null;
  if (instanceOwner && names.configuredInstances.has(instanceOwner)) return null;
  if (site.key === 'signal' && call.arguments[0] && unwrap(call.arguments[0]).type === 'NewExpression') return null; // fetch(new Request(...))
  return needsBound(call, site) ? site : null;
}

function isStringLike(n: AnyNode): boolean {
  if (n.type === 'StringLiteral' || n.type === 'TemplateLiteral') return true;
  if (n.type === 'Literal' && typeof n.value === 'string') return true;
  return n.type === 'BinaryExpression' && n.operator === '+' && (isStringLike(unwrap(n.left)) || isStringLike(unwrap(n.right)));
}

function isFetch(callee: AnyNode, names: Names): boolean {
  if (callee.type === 'Identifier') {
    if (names.fetch.has(callee.name)) return true;
    return callee.name === 'fetch' && !names.fetchShadowed;
  }
  return (
    callee.type === 'MemberExpression' &&
    !callee.computed &&
    callee.object?.type === 'Identifier' &&
    callee.object.name === 'globalThis' &&
    callee.property?.name === 'fetch'
  );
}

/** `const api = axios.create()` -> "api"; `this.client = axios.create()` -> "this.client"; class field -> "this.<name>". */
function ownerOfCreate(parents: AnyNode[]): string | null {
  let i = parents.length - 1;
  while (i >= 0 && ['AwaitExpression', 'TSAsExpression', 'TSNonNullExpression', 'ParenthesizedExpression', 'TSSatisfiesExpression'].includes(parents[i].type)) i--;
  const n = parents[i];
  if (!n) return null;
  if (n.type === 'VariableDeclarator' && n.id?.type === 'Identifier') return n.id.name;
  if (n.type === 'AssignmentExpression') return exprText(n.left);
  if ((n.type === 'ClassProperty' || n.type === 'PropertyDefinition') && n.key?.type === 'Identifier') return `this.${n.key.name}`;
  return null;
}

/**
 * The call lacks a bound: config missing / `undefined`, or an object literal without the key and without
 * spread. `vetted`: the detector proved that the literal's spreads, or the config variable, lack the key.
 */
function needsBound(call: AnyNode, site: SiteHint, vetted = false): boolean {
  const args: AnyNode[] = call.arguments ?? [];
  if (args.some((a) => a.type === 'SpreadElement')) return false;
  const cfg = args[site.configIndex];
  if (!cfg) return true;
  const c = unwrap(cfg);
  if (c.type === 'Identifier' && c.name === 'undefined') return true;
  if (vetted && c.type === 'Identifier') return true; // a local config the detector proved to lack the key
  if (c.type !== 'ObjectExpression') return false; // a config variable: may carry the timeout
  return !objectHasKey(c, site.key, vetted);
}

function objectHasKey(obj: AnyNode, key: string, vetted = false): boolean {
  for (const p of obj.properties ?? []) {
    if (p.type === 'SpreadElement' || p.type === 'SpreadProperty') {
      if (vetted) continue;
      return true; // may carry it
    }
    const k = p.key;
    if (!k || p.computed) continue;
    const name = k.type === 'Identifier' ? k.name : typeof k.value === 'string' ? k.value : null;
    if (name === 'timeout' && isZero(p.value)) continue; // `timeout: 0` is no timeout (axios, node-fetch)
    if (name === 'timeout' || name === 'signal') return true; // either bounds an axios call; fetch needs signal
    if (name === key) return true;
  }
  return false;
}

function propKey(p: AnyNode): string | null {
  const k = p.key;
  if (!k || p.computed) return null;
  return k.type === 'Identifier' ? k.name : typeof k.value === 'string' ? k.value : null;
}

/** A numeric literal 0 (`0`, `0x0`, `0_0`), possibly parenthesised or cast. */
function isZero(v: AnyNode | null | undefined): boolean {
  if (!v) return false;
  const u = unwrap(v);
  return (u.type === 'NumericLiteral' || (u.type === 'Literal' && typeof u.value === 'number')) && u.value === 0;
}

// ---------------------------------------------------------------- edits

function boundProperty(site: SiteHint): string {
  return site.key === 'timeout' ? `timeout: ${TIMEOUT_MS_TEXT}` : `signal: AbortSignal.timeout(${TIMEOUT_MS_TEXT})`;
}

function planEdits(src: string, call: AnyNode, site: SiteHint, eol: string, vetted = false): Edit[] | null {
  const args: AnyNode[] = call.arguments ?? [];
  const prop = boundProperty(site);
  const cfg = args[site.configIndex];
  if (cfg) {
    const c = unwrap(cfg);
    if (c.type === 'Identifier' && c.name === 'undefined') return [{ at: cfg.start, end: cfg.end, text: `{ ${prop} }` }];
    // a config variable the detector proved to lack the key: `{ ...init, signal: ... }`
    if (vetted && c.type === 'Identifier') return [{ at: cfg.start, end: cfg.end, text: `{ ...${src.slice(cfg.start, cfg.end)}, ${prop} }` }];
    if (c.type !== 'ObjectExpression') return null;
    if (objectHasKey(c, site.key, vetted)) return null;
    // `timeout: 0` -> `timeout: 10_000`: the value replaced, the property kept where it is
    const zero = site.key === 'timeout' ? (c.properties ?? []).find((p: AnyNode) => propKey(p) === 'timeout' && isZero(p.value)) : undefined;
    if (zero) return [{ at: zero.value.start, end: zero.value.end, text: TIMEOUT_MS_TEXT }];
    return addProperty(src, c, prop, eol);
  }
  // missing arguments up to the config: `undefined` placeholders, then the config
  const missing: string[] = [];
  for (let i = args.length; i < site.configIndex; i++) missing.push('undefined');
  missing.push(`{ ${prop} }`);
  const text = missing.join(', ');
  const open = openParenOf(src, call);
  if (open < 0) return null;
  const close = call.end - 1;
  if (src[close] !== ')') return null;
  if (!args.length) {
    const inner = src.slice(open + 1, close);
    if (inner.trim() === '') return [{ at: open + 1, end: close, text }];
    return [{ at: close, end: close, text }];
  }
  const last = args[args.length - 1];
  const after = src.slice(last.end, close);
  const comma = commaAfter(after);
  if (comma >= 0) {
    // trailing comma: `f(\n  url,\n)` -> new argument on its own line, same indent
    const multi = /[\r\n]/.test(after);
    if (multi) {
      const indent = indentOf(src, last.start);
      return [{ at: last.end + comma + 1, end: last.end + comma + 1, text: `${eol}${indent}${text},` }];
    }
    return [{ at: last.end + comma + 1, end: last.end + comma + 1, text: ` ${text}` }];
  }
  return [{ at: last.end, end: last.end, text: `, ${text}` }];
}

/** Adds `prop` as the last property of an object literal, in the literal's own layout. */
function addProperty(src: string, obj: AnyNode, prop: string, eol: string): Edit[] | null {
  const open = obj.start as number;
  const close = (obj.end as number) - 1;
  if (src[open] !== '{' || src[close] !== '}') return null;
  const props: AnyNode[] = obj.properties ?? [];
  if (!props.length) {
    const inner = src.slice(open + 1, close);
    if (inner.trim() === '') return [{ at: open + 1, end: close, text: ` ${prop} ` }];
    return [{ at: close, end: close, text: ` ${prop} ` }];
  }
  const last = props[props.length - 1];
  const after = src.slice(last.end, close);
  const comma = commaAfter(after);
  const multiline = /[\r\n]/.test(src.slice(open, close));
  if (!multiline) {
    if (comma >= 0) return [{ at: last.end + comma + 1, end: last.end + comma + 1, text: ` ${prop},` }];
    return [{ at: last.end, end: last.end, text: `, ${prop}` }];
  }
  const indent = indentOf(src, last.start);
  // insert at the end of the last property's line, after any `// comment`
  const lineEnd = endOfLine(src, comma >= 0 ? last.end + comma + 1 : last.end);
  const rest = src.slice(comma >= 0 ? last.end + comma + 1 : last.end, lineEnd);
  const onlyTrivia = /^\s*(\/\/.*|\/\*.*\*\/\s*)?$/.test(rest) && lineEnd <= close;
  if (comma >= 0) {
    const at = onlyTrivia ? lineEnd : last.end + comma + 1;
    return [{ at, end: at, text: `${eol}${indent}${prop},` }];
  }
  if (onlyTrivia) {
    return [
      { at: last.end, end: last.end, text: ',' },
      { at: lineEnd, end: lineEnd, text: `${eol}${indent}${prop}` },
    ];
  }
  return [{ at: last.end, end: last.end, text: `,${eol}${indent}${prop}` }];
}

/** Index of the first `,` in `s` that is not inside a comment, or -1 (s is trivia between tokens). */
function commaAfter(s: string): number {
  let i = 0;
  while (i < s.length) {
    if (s.startsWith('//', i)) {
      const nl = s.indexOf('\n', i);
      i = nl < 0 ? s.length : nl + 1;
    } else if (s.startsWith('/*', i)) {
      const end = s.indexOf('*/', i + 2);
      i = end < 0 ? s.length : end + 2;
    } else if (s[i] === ',') return i;
    else i++;
  }
  return -1;
}

function openParenOf(src: string, call: AnyNode): number {
  // the argument list starts after the callee (and type arguments, if any)
  let from = (call.typeParameters ?? call.typeArguments ?? call.callee).end as number;
  if (call.optional) from = src.indexOf('?.', from) + 2;
  while (from < call.end) {
    if (src.startsWith('//', from)) from = src.indexOf('\n', from);
    else if (src.startsWith('/*', from)) from = src.indexOf('*/', from) + 2;
    else if (src[from] === '(') return from;
    else from++;
    if (from <= 0) return -1;
  }
  return -1;
}

function indentOf(src: string, offset: number): string {
  let s = offset;
  while (s > 0 && src[s - 1] !== '\n' && src[s - 1] !== '\r') s--;
  let e = s;
  while (e < src.length && (src[e] === ' ' || src[e] === '\t')) e++;
  return src.slice(s, e);
}

function endOfLine(src: string, offset: number): number {
  let i = offset;
  while (i < src.length && src[i] !== '\n' && src[i] !== '\r') i++;
  return i;
}
