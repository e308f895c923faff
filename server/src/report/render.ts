/**
 * Renders a `ReadinessReport` (build.ts) as Markdown, one self-contained HTML file, or JSON.
 *
 * The HTML needs nothing outside itself: inline CSS admitted by a Content-Security-Policy hash
 * (or a nonce inside the editor's webview), a print stylesheet, no network, no external asset.
 * Inside the webview (`webview` option) each `file:line` is a link a small nonce'd script turns
 * into a message to the extension, which opens the file at the line; the standalone file has no
 * script at all.
 */
import { createHash } from 'node:crypto';
import {
  FAMILIES,
  FAMILY_TITLES,
  REPORT_SEVERITIES,
  SEVERITY_TITLES,
  type ReadinessReport,
  type ReportCheckEntry,
  type ReportFindingEntry,
  type ReportFix,
} from './build';

export type ReportFormat = 'md' | 'html' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'html', 'json'];

export function renderReport(report: ReadinessReport, format: ReportFormat, opts: HtmlOptions = {}): string {
  if (format === 'json') return renderJson(report);
  if (format === 'html') return renderHtml(report, opts);
  return renderMarkdown(report);
}

export function renderJson(report: ReadinessReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function fixText(fix: ReportFix | null): string {
  if (!fix) return 'no automatic fix';
  if (fix.needsInput) return `fix needs input (${fix.needsInput}): ${fix.title}`;
  return `${fix.safety === 'safe' ? 'safe fix' : fix.safety === 'unsafe' ? 'unsafe fix (review the change)' : 'suggestion only'}: ${fix.title}`;
}

function countsLine(r: ReadinessReport): string {
  const s = r.summary;
  return `${plural(s.findings, 'finding')} in ${plural(s.files, 'file')}: ${s.critical} Critical, ${s.high} High, ${s.medium} Medium; ${plural(s.projectFindings, 'project-level finding')}.`;
}

function blockingLine(r: ReadinessReport): string {
  const n = r.summary.blocking;
  return n ? `${n} Critical ${n === 1 ? 'finding blocks' : 'findings block'} launch.` : 'Nothing Critical: no finding blocks launch.';
}

function headline(r: ReadinessReport): string {
  return `${countsLine(r)} ${blockingLine(r)}`;
}

function locText(file: string | undefined, line: number | undefined): string {
  if (!file) return '';
  return line ? `${file}:${line}` : file;
}

/** Rule findings of one severity, grouped by family in the families' order. */
function bySeverityFamily(r: ReadinessReport): Array<{ severity: (typeof REPORT_SEVERITIES)[number]; families: Array<{ family: string; title: string; items: ReportFindingEntry[] }> }> {
  return REPORT_SEVERITIES.map((severity) => ({
    severity,
    families: FAMILIES.map((family) => ({ family, title: FAMILY_TITLES[family], items: r.findings.filter((f) => f.severity === severity && f.family === family) })).filter((g) => g.items.length),
  }));
}

// ------------------------------------------------------------------ markdown

/** Markdown inline text: one line, no raw HTML (messages keep their `code` spans). */
function mdInline(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderMarkdown(r: ReadinessReport): string {
  const out: string[] = [];
  out.push('# Production readiness report', '');
  out.push(headline(r), '');
  if (r.summary.baselined) out.push(`${plural(r.summary.baselined, 'finding')} recorded in the baseline ${r.summary.baselined === 1 ? 'is' : 'are'} not shown.`, '');
  out.push(`${r.summary.fixable} of ${r.summary.findings} findings have an automatic fix, ${r.summary.safeFixes} of them safe (\`shipguard fix\` applies those).`, '');
  out.push('## Readiness by family', '');
  out.push('| Family | Score | Critical | High | Medium |', '|---|---:|---:|---:|---:|');
  for (const s of r.scores) out.push(`| ${s.title} | ${s.score}/100 | ${s.critical} | ${s.high} | ${s.medium} |`);
  out.push('', `How the score is computed: ${r.scoreRule}`, '', `Severity: ${r.severityRule}`, '');
  const verifyShown = new Set<string>();
  for (const group of bySeverityFamily(r)) {
    const n = group.families.reduce((s, g) => s + g.items.length, 0);
    out.push(`## ${SEVERITY_TITLES[group.severity]} (${n})`, '');
    if (!n) {
      out.push('None.', '');
      continue;
    }
    for (const fam of group.families) {
      out.push(`### ${fam.title}`, '');
      for (const f of fam.items) {
        out.push(`- **${f.file}:${f.line}** \`${f.rule}\`: ${mdInline(f.message)}`);
        out.push(`  - Fix: ${mdInline(fixText(f.fix))}`);
        if (!verifyShown.has(f.rule) && r.verify[f.rule]) {
          verifyShown.add(f.rule);
          out.push(`  - How to verify (${f.rule}):`, '', ...r.verify[f.rule].split('\n').map((l) => (l ? `    ${l}` : '')), '');
        } else if (r.verify[f.rule]) out.push(`  - How to verify: see the first \`${f.rule}\` finding above`);
      }
      out.push('');
    }
  }
  out.push(`## Project-level checks (${r.projectFindings.length})`, '');
  if (!r.projectFindings.length) out.push('No project-level finding.', '');
  for (const sev of REPORT_SEVERITIES) {
    const items = r.projectFindings.filter((f) => f.severity === sev);
    if (!items.length) continue;
    out.push(`### ${SEVERITY_TITLES[sev]}`, '');
    for (const f of items) {
      const loc = locText(f.file, f.line);
      out.push(`- **${mdInline(f.title)}** (\`${f.check}\`, ${FAMILY_TITLES[f.family]})${loc ? ` at ${loc}` : ''}: ${mdInline(f.message)}`);
    }
    out.push('');
  }
  if (r.failedChecks.length) out.push(`Checks that failed and were skipped: ${r.failedChecks.map((c) => `\`${c}\``).join(', ')}.`, '');
  out.push(`_shipguard ${r.tool.version}_`, '');
  return out.join('\n');
}

// ------------------------------------------------------------------ html

export interface HtmlOptions {
  /** Inside the editor's webview: CSP by nonce, links post {type:'open', file, line}. */
  webview?: { nonce: string };
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --line: #d1d9e0; --crit: #cf222e; --high: #bc4c00; --med: #9a6700; --ok: #1a7f37; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --crit: #ff7b72; --high: #ffa657; --med: #d29922; --ok: #3fb950; } }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; } h2 { border-bottom: 1px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; } h3 { margin-bottom: .3rem; }
.summary { font-size: 1.05rem; } .blocking { color: var(--crit); font-weight: 600; } .clear { color: var(--ok); font-weight: 600; }
table { border-collapse: collapse; } th, td { border: 1px solid var(--line); padding: .25rem .6rem; text-align: left; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.sev-critical { color: var(--crit); } .sev-high { color: var(--high); } .sev-medium { color: var(--med); }
ul.findings { list-style: none; padding-left: 0; } ul.findings > li { border-left: 3px solid var(--line); padding: .3rem .7rem; margin: .5rem 0; }
li.critical { border-left-color: var(--crit) !important; } li.high { border-left-color: var(--high) !important; } li.medium { border-left-color: var(--med) !important; }
code, .loc { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .92em; }
a.loc { color: inherit; text-decoration: underline; cursor: pointer; }
.fix, .rule, .note { color: var(--muted); } details { margin-top: .25rem; } pre.verify { white-space: pre-wrap; margin: .3rem 0; font-size: .9em; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; color: #000; background: #fff; } a.loc { text-decoration: none; } details > pre.verify { display: block; } h2 { break-after: avoid; } ul.findings > li { break-inside: avoid; } }
`;

const SCRIPT = `(function () {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', function (e) {
    const a = e.target instanceof Element ? e.target.closest('a.loc') : null;
    if (!a) return;
    e.preventDefault();
    vscode.postMessage({ type: 'open', file: a.getAttribute('data-file'), line: Number(a.getAttribute('data-line')) || 1 });
  });
})();`;

export function renderHtml(r: ReadinessReport, opts: HtmlOptions = {}): string {
  const e = escapeHtml;
  const webview = opts.webview;
  const loc = (file: string | undefined, line: number | undefined) => {
    if (!file) return '';
    const text = e(locText(file, line));
    return webview ? `<a class="loc" href="#" data-file="${e(file)}" data-line="${line ?? 1}">${text}</a>` : `<span class="loc">${text}</span>`;
  };
  const csp = webview
    ? `default-src 'none'; style-src 'nonce-${webview.nonce}'; script-src 'nonce-${webview.nonce}';`
    : `default-src 'none'; style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}';`;
  const s = r.summary;
  const body: string[] = [];
  body.push('<h1>Production readiness report</h1>');
  body.push(`<p class="summary" data-findings="${s.findings}" data-project-findings="${s.projectFindings}">${e(countsLine(r))}</p>`);
  body.push(`<p class="${s.blocking ? 'blocking' : 'clear'}" data-blocking="${s.blocking}">${e(blockingLine(r))}</p>`);
  if (s.baselined) body.push(`<p class="note">${e(`${plural(s.baselined, 'finding')} recorded in the baseline ${s.baselined === 1 ? 'is' : 'are'} not shown.`)}</p>`);
  body.push(`<p class="note">${s.fixable} of ${s.findings} findings have an automatic fix, ${s.safeFixes} of them safe (<code>shipguard fix</code> applies those).</p>`);
  body.push('<h2>Readiness by family</h2>', '<table class="scores"><thead><tr><th>Family</th><th>Score</th><th>Critical</th><th>High</th><th>Medium</th></tr></thead><tbody>');
  for (const f of r.scores) body.push(`<tr data-family="${e(f.family)}"><td>${e(f.title)}</td><td class="n">${f.score}/100</td><td class="n">${f.critical}</td><td class="n">${f.high}</td><td class="n">${f.medium}</td></tr>`);
  body.push('</tbody></table>');
  body.push(`<p class="note">How the score is computed: ${e(r.scoreRule)}</p>`, `<p class="note">Severity: ${e(r.severityRule)}</p>`);
  for (const group of bySeverityFamily(r)) {
    const n = group.families.reduce((acc, g) => acc + g.items.length, 0);
    body.push(`<h2 class="sev-${group.severity}" id="${group.severity}" data-count="${n}">${SEVERITY_TITLES[group.severity]} (${n})</h2>`);
    if (!n) body.push('<p class="note">None.</p>');
    for (const fam of group.families) {
      body.push(`<h3>${e(fam.title)}</h3>`, '<ul class="findings">');
      for (const f of fam.items) {
        const verify = r.verify[f.rule];
        body.push(
          `<li class="${f.severity}" data-rule="${e(f.rule)}">${loc(f.file, f.line)} <span class="rule">${e(f.rule)}</span><br>${e(f.message)}<br><span class="fix">${e(fixText(f.fix))}</span>` +
            (verify ? `<details><summary>How to verify</summary><pre class="verify">${e(verify)}</pre></details>` : '') +
            '</li>',
        );
      }
      body.push('</ul>');
    }
  }
  body.push(`<h2 id="project" data-count="${r.projectFindings.length}">Project-level checks (${r.projectFindings.length})</h2>`);
  if (!r.projectFindings.length) body.push('<p class="note">No project-level finding.</p>');
  else {
    body.push('<ul class="findings project">');
    for (const f of r.projectFindings as ReportCheckEntry[]) {
      body.push(
        `<li class="${f.severity}" data-check="${e(f.check)}"><span class="sev-${f.severity}">${SEVERITY_TITLES[f.severity]}</span> <strong>${e(f.title)}</strong> <span class="rule">${e(f.check)}, ${e(FAMILY_TITLES[f.family])}</span>${f.file ? ` ${loc(f.file, f.line)}` : ''}<br>${e(f.message)}</li>`,
      );
    }
    body.push('</ul>');
  }
  if (r.failedChecks.length) body.push(`<p class="note">Checks that failed and were skipped: ${r.failedChecks.map((c) => `<code>${e(c)}</code>`).join(', ')}.</p>`);
  body.push(`<p class="note">shipguard ${e(r.tool.version)}</p>`);
  const nonce = webview ? ` nonce="${webview.nonce}"` : '';
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>shipguard readiness report</title>',
    `<style${nonce}>${CSS}</style>`,
    '</head>',
    '<body>',
    ...body,
    webview ? `<script${nonce}>${SCRIPT}</script>` : '',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
