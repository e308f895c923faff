/**
 * A reader for the block-style YAML of deployment files (`.do/app.yaml`, `render.yaml`,
 * `docker-compose.yml`): mappings, sequences and plain or quoted scalars, each with its 1-based
 * line. Flow mappings, multi-document files and tags are not read: the reader answers null and
 * the checks say nothing about a file they cannot read. Block scalars (`|`, `>`) are kept as
 * opaque text. Anchors and aliases are kept as written (`*db`), merge keys are left unresolved.
 */
export type YamlNode = YamlMap | YamlSeq | YamlScalar;
export interface YamlMap { kind: 'map'; line: number; entries: Map<string, YamlNode>; keyLines: Map<string, number> }
export interface YamlSeq { kind: 'seq'; line: number; items: YamlNode[] }
export interface YamlScalar { kind: 'scalar'; line: number; value: string | null }

interface Line { indent: number; text: string; line: number }

class Unsupported extends Error {}

export function parseYaml(text: string): YamlNode | null {
  const lines: Line[] = [];
  const raw = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let docs = 0;
  for (let i = 0; i < raw.length; i++) {
    const l = raw[i];
    if (/^---\s*(#.*)?$/.test(l)) {
      if (++docs > 1 || lines.length) return null;
      continue;
    }
    if (/^\.\.\.\s*$/.test(l)) break;
    if (/^\s*(#.*)?$/.test(l)) continue;
    if (/^\s*%/.test(l)) continue;
    if (/\t/.test(l.match(/^\s*/)![0])) return null;
    const indent = l.length - l.trimStart().length;
    lines.push({ indent, text: stripComment(l.trimStart()), line: i + 1 });
  }
  if (!lines.length) return null;
  try {
    const pos = { i: 0 };
    const node = block(lines, pos, lines[0].indent);
    return pos.i === lines.length ? node : null;
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

function stripComment(s: string): string {
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s:[{,-]/.test(s[i - 1])) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(s[i - 1]))) return s.slice(0, i).trimEnd();
  }
  return s.trimEnd();
}

function block(lines: Line[], pos: { i: number }, indent: number): YamlNode {
  const first = lines[pos.i];
  if (first.text.startsWith('- ') || first.text === '-') return seq(lines, pos, indent);
  return map(lines, pos, indent);
}

function seq(lines: Line[], pos: { i: number }, indent: number): YamlSeq {
  const out: YamlSeq = { kind: 'seq', line: lines[pos.i].line, items: [] };
  while (pos.i < lines.length && lines[pos.i].indent === indent && (lines[pos.i].text.startsWith('- ') || lines[pos.i].text === '-')) {
    const l = lines[pos.i];
    const rest = l.text === '-' ? '' : l.text.slice(2).trimStart();
    if (!rest) {
      pos.i++;
      out.items.push(pos.i < lines.length && lines[pos.i].indent > indent ? block(lines, pos, lines[pos.i].indent) : { kind: 'scalar', line: l.line, value: null });
      continue;
    }
    // `- key: value` opens a mapping whose keys sit at the column after the dash
    const col = indent + (l.text.length - rest.length);
    if (keyOf(rest)) {
      lines[pos.i] = { indent: col, text: rest, line: l.line };
      out.items.push(map(lines, pos, col));
      continue;
    }
    pos.i++;
    out.items.push(scalarOrBlock(rest, l.line, lines, pos, indent));
  }
  return out;
}

function map(lines: Line[], pos: { i: number }, indent: number): YamlMap {
  const out: YamlMap = { kind: 'map', line: lines[pos.i].line, entries: new Map(), keyLines: new Map() };
  while (pos.i < lines.length && lines[pos.i].indent === indent) {
    const l = lines[pos.i];
    const kv = keyOf(l.text);
    if (!kv) throw new Unsupported();
    pos.i++;
    out.keyLines.set(kv.key, l.line);
    if (kv.rest === '') {
      const next = lines[pos.i];
      // a sequence may sit at the key's own column (`key:\n- a`)
      if (next && (next.indent > indent || (next.indent === indent && (next.text.startsWith('- ') || next.text === '-')))) out.entries.set(kv.key, block(lines, pos, next.indent));
      else out.entries.set(kv.key, { kind: 'scalar', line: l.line, value: null });
    } else {
      out.entries.set(kv.key, scalarOrBlock(kv.rest, l.line, lines, pos, indent));
    }
  }
  if (pos.i < lines.length && lines[pos.i].indent > indent) throw new Unsupported();
  return out;
}

function keyOf(text: string): { key: string; rest: string } | null {
  const m = /^("([^"]*)"|'([^']*)'|[^\s"'#[\]{},&*!|>%@`][^:#]*?|<<)\s*:(?:\s+(.*)|$)/.exec(text);
  if (!m) return null;
  const key = m[2] ?? m[3] ?? m[1];
  return { key: key.trim(), rest: (m[4] ?? '').trim() };
}

function scalarOrBlock(text: string, line: number, lines: Line[], pos: { i: number }, indent: number): YamlNode {
  if (/^[|>][+-]?\d*$/.test(text)) {
    const parts: string[] = [];
    while (pos.i < lines.length && lines[pos.i].indent > indent) parts.push(lines[pos.i++].text);
    return { kind: 'scalar', line, value: parts.join('\n') };
  }
  if (text.startsWith('{')) throw new Unsupported();
  if (text.startsWith('[')) {
    if (!text.endsWith(']') || /[[{]/.test(text.slice(1, -1))) throw new Unsupported();
    const inner = text.slice(1, -1).trim();
    const items = inner ? inner.split(',').map((s) => ({ kind: 'scalar' as const, line, value: unquote(s.trim()) })) : [];
    return { kind: 'seq', line, items };
  }
  // a plain scalar continued on deeper lines
  let value = text;
  while (pos.i < lines.length && lines[pos.i].indent > indent && !keyOf(lines[pos.i].text)) value += ` ${lines[pos.i++].text}`;
  return { kind: 'scalar', line, value: unquote(value) };
}

function unquote(s: string): string {
  if (s.length >= 2 && ((s[0] === '"' && s.endsWith('"')) || (s[0] === "'" && s.endsWith("'")))) return s.slice(1, -1);
  return s;
}

/** The child of a mapping, or undefined. */
export function get(node: YamlNode | undefined | null, key: string): YamlNode | undefined {
  return node?.kind === 'map' ? node.entries.get(key) : undefined;
}

/** A scalar's text, lower-cased when asked; undefined for anything else. */
export function scalar(node: YamlNode | undefined): string | undefined {
  return node?.kind === 'scalar' && node.value !== null ? node.value : undefined;
}
