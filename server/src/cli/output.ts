/** Report formats: text (one line per finding), JSON, and SARIF 2.1.0 for code scanning. */
import * as path from 'node:path';
import type * as sarif from 'sarif';
import type { Rule, Severity } from '../engine/types';
import type { FileReport, ReportedFinding } from '../engine/report';
import { toPosix } from '../engine/discovery';
import { renderRuleMarkdown, summary } from '../docs/render';
import type { ResolvedConfig } from '../engine/config';

export interface ReportContext {
  cwd: string;
  root: string;
  version: string;
  rules: readonly Rule[];
  config: ResolvedConfig;
  scanned: number;
  seconds: number;
  baselined: number;
  /** With --baseline: the findings it hid, per file (SARIF lists them as suppressed). */
  baseline?: { file: string; findings: Map<string, ReportedFinding[]> };
}

/** The path shown to people: relative to the working directory, with forward slashes. */
export function displayPath(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs);
  return toPosix(rel === '' ? path.basename(abs) : rel);
}

const ANSI = {
  bold: (s: string) => `\x1b[1m${s}\x1b[22m`,
  dim: (s: string) => `\x1b[2m${s}\x1b[22m`,
  red: (s: string) => `\x1b[31m${s}\x1b[39m`,
  yellow: (s: string) => `\x1b[33m${s}\x1b[39m`,
  cyan: (s: string) => `\x1b[36m${s}\x1b[39m`,
};

function colorFor(sev: Severity): (s: string) => string {
  return sev === 'error' ? ANSI.red : sev === 'warning' ? ANSI.yellow : ANSI.cyan;
}

export function plural(n: number, word: string): string {
  if (n === 1) return `${n} ${word}`;
  return `${n} ${/(?:s|x|z|ch|sh)$/.test(word) ? `${word}es` : `${word}s`}`;
}

export function textLine(cwd: string, file: string, f: ReportedFinding, color: boolean, shown?: string): string {
  const loc = `${shown ?? displayPath(cwd, file)}:${f.line}:${f.column}`;
  if (!color) return `${loc}  ${f.severity}  ${f.ruleId}  ${f.message}`;
  return `${ANSI.bold(loc)}  ${colorFor(f.severity)(f.severity)}  ${colorFor(f.severity)(f.ruleId)}  ${f.message}`;
}

export function formatText(reports: readonly FileReport[], ctx: ReportContext, color: boolean): string {
  const out: string[] = [];
  let count = 0;
  let files = 0;
  for (const r of reports) {
    if (!r.findings.length) continue;
    files++;
    const shown = displayPath(ctx.cwd, r.path);
    for (const f of r.findings) {
      out.push(textLine(ctx.cwd, r.path, f, color, shown));
      count++;
    }
  }
  const extra = ctx.baselined ? `; ${plural(ctx.baselined, 'baselined finding')} not shown` : '';
  const line = `${plural(count, 'finding')} in ${plural(files, 'file')} (${plural(ctx.scanned, 'file')} scanned in ${ctx.seconds.toFixed(2)} s${extra})`;
  if (out.length) out.push('');
  out.push(color ? ANSI.dim(line) : line);
  return out.join('\n') + '\n';
}

export function formatJson(reports: readonly FileReport[], ctx: ReportContext): string {
  const findings = [];
  for (const r of reports) {
    if (!r.findings.length) continue;
    const file = displayPath(ctx.cwd, r.path);
    for (const f of r.findings) {
      findings.push({
        file,
        rule: f.ruleId,
        severity: f.severity,
        message: f.message,
        range: { start: { line: f.sarif.startLine, column: f.sarif.startColumn }, end: { line: f.sarif.endLine, column: f.sarif.endColumn } },
        fingerprint: f.fingerprint,
        fixes: f.fixes,
      });
    }
  }
  const skipped = reports.filter((r) => r.skipped).map((r) => ({ file: displayPath(ctx.cwd, r.path), reason: r.skipped }));
  const doc = {
    tool: 'shipguard',
    version: ctx.version,
    // as in SARIF and LSP: lines and columns 1-based, columns in UTF-16 code units, ends exclusive
    columnKind: 'utf16CodeUnits',
    summary: {
      findings: findings.length,
      files: reports.filter((r) => r.findings.length).length,
      scanned: ctx.scanned,
      seconds: Number(ctx.seconds.toFixed(3)),
      baselined: ctx.baselined,
    },
    findings,
    skipped,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

const SARIF_LEVEL: Record<Severity, sarif.ReportingConfiguration.level> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};

export function formatSarif(reports: readonly FileReport[], ctx: ReportContext): string {
  const ruleIndex = new Map<string, number>();
  const rules: sarif.ReportingDescriptor[] = ctx.rules.map((r, i) => {
    ruleIndex.set(r.id, i);
    const sev = ctx.config.rules[r.id];
    const level = sev === 'off' ? 'none' : SARIF_LEVEL[(sev ?? r.severity) as Severity];
    const doc = renderRuleMarkdown(r);
    return {
      id: r.id,
      name: r.id,
      shortDescription: { text: summary(r) },
      fullDescription: { text: whatItDoes(r) },
      help: { text: doc, markdown: doc },
      defaultConfiguration: { level },
      properties: { tags: [r.family, ...r.languages], family: r.family },
    };
  });
  const results: sarif.Result[] = [];
  for (const rep of reports) {
    const uri = encodeURI(displayPath(ctx.cwd, rep.path));
    const hidden = ctx.baseline?.findings.get(rep.path) ?? [];
    const all = [...rep.findings.map((f) => ({ f, old: false })), ...hidden.map((f) => ({ f, old: true }))];
    all.sort((a, b) => a.f.start - b.f.start);
    for (const { f, old } of all) {
      const result: sarif.Result = {
        ruleId: f.ruleId,
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
              region: { startLine: f.sarif.startLine, startColumn: f.sarif.startColumn, endLine: f.sarif.endLine, endColumn: f.sarif.endColumn },
            },
          },
        ],
        partialFingerprints: { 'shipguardFingerprint/v1': f.fingerprint },
      };
      const idx = ruleIndex.get(f.ruleId);
      if (idx !== undefined) result.ruleIndex = idx;
      if (ctx.baseline) {
        result.baselineState = old ? 'unchanged' : 'new';
        if (old) result.suppressions = [{ kind: 'external', status: 'accepted', justification: `recorded in the baseline ${ctx.baseline.file}` }];
      }
      if (f.fixes.length) result.properties = { fixes: f.fixes };
      results.push(result);
    }
  }
  const notifications: sarif.Notification[] = reports
    .filter((r) => r.skipped)
    .map((r) => ({
      level: 'note',
      message: { text: `${displayPath(ctx.cwd, r.path)}: ${r.skipped}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(displayPath(ctx.cwd, r.path)), uriBaseId: '%SRCROOT%' } } }],
    }));
  const log: sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'shipguard',
            version: ctx.version,
            semanticVersion: ctx.version,
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileUri(ctx.cwd) } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** The whole "What it does" section as plain text. */
function whatItDoes(rule: Rule): string {
  const m = /## What it does\s*\n+([\s\S]*?)(?=\n## |$)/.exec(rule.docs);
  return (m ? m[1] : summary(rule)).replace(/\s+/g, ' ').trim();
}

function pathToFileUri(dir: string): string {
  let p = toPosix(path.resolve(dir));
  if (!p.startsWith('/')) p = `/${p}`;
  if (!p.endsWith('/')) p += '/';
  return `file://${encodeURI(p)}`;
}

/**
 * GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line
 * per finding, shown as annotations on the pull request's diff. Values are
 * escaped as the runner expects (%, CR, LF; and , : in properties).
 */
export function formatGithub(reports: readonly FileReport[], ctx: ReportContext): string {
  const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const out: string[] = [];
  for (const r of reports) {
    const file = displayPath(ctx.cwd, r.path);
    for (const f of r.findings) {
      const cmd = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
      const loc = `file=${prop(file)},line=${f.sarif.startLine},col=${f.sarif.startColumn},endLine=${f.sarif.endLine},endColumn=${f.sarif.endColumn}`;
      out.push(`::${cmd} ${loc},title=${prop(`shipguard ${f.ruleId}`)}::${data(f.message)}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}
