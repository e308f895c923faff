/**
 * What the editor must show for a workspace, computed by the engine itself:
 * every finding of every source file (1-based line/column, rule id, severity,
 * message, the first sentence of the rule docs that the hover must show) and,
 * for each offered fix, the file text after applying that one fix.
 *
 * The real-editor suite (run.mjs) compares what VS Code shows and writes with
 * this, so the e2e test checks the whole chain (packaged VSIX -> client ->
 * language server -> engine -> editor) and not a copy of the rules' logic.
 *
 * Usage: node --import tsx test/e2e/oracle.ts <workspace> > expectations.json
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import { lint } from '../../server/src/engine/lint';
import { loadConfig } from '../../server/src/engine/config';
import { SOURCE_GLOBS, languageOf, makeSourceFile } from '../../server/src/engine/files';
import { applyEdits } from '../../server/src/text/edits';
import { LineIndex } from '../../server/src/text/positions';
import { initPython } from '../../server/src/lang/python/parser';
import { RULES } from '../../server/src/rules';
import { UNUSED_SUPPRESSION } from '../../server/src/engine/builtin';
import { summary } from '../../server/src/docs/render';

export interface OracleFix {
  title: string;
  applicability: string;
  /** The editor may insert a snippet with placeholders instead of `edits`. */
  hasSnippet: boolean;
  fixedText: string;
}

export interface OracleFinding {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** First sentence of the rule's "What it does" (the hover shows the docs). */
  docSummary: string;
  fixes: OracleFix[];
}

export interface OracleFile {
  /** Relative to the workspace, with forward slashes. */
  path: string;
  language: string;
  lineCount: number;
  findings: OracleFinding[];
}

export async function oracle(root: string): Promise<OracleFile[]> {
  await initPython();
  const config = loadConfig(root);
  const rules = [...RULES, UNUSED_SUPPRESSION];
  const entries = await fg(SOURCE_GLOBS, { cwd: root, ignore: ['**/node_modules/**', '**/.git/**'], dot: false });
  const out: OracleFile[] = [];
  for (const rel of entries.sort()) {
    const abs = path.join(root, rel);
    const language = languageOf(abs);
    if (!language) continue;
    const text = fs.readFileSync(abs, 'utf8');
    const file = makeSourceFile(abs, text, language);
    const lines = new LineIndex(text);
    const res = lint(file, { rules: RULES, config });
    out.push({
      path: rel.split(path.sep).join('/'),
      language,
      lineCount: lines.lineCount,
      findings: res.findings.map((f) => {
        const s = lines.sarifPosition(f.start);
        const e = lines.sarifPosition(f.end);
        const rule = rules.find((r) => r.id === f.ruleId);
        return {
          ruleId: f.ruleId,
          severity: f.severity,
          message: f.message,
          line: s.line,
          column: s.column,
          endLine: e.line,
          endColumn: e.column,
          docSummary: rule ? summary(rule) : '',
          fixes: f.fixes.map((fix) => ({
            title: fix.title,
            applicability: fix.applicability,
            hasSnippet: !!fix.snippet?.length,
            fixedText: applyEdits(text, fix.edits),
          })),
        };
      }),
    });
  }
  return out;
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename);
if (invokedDirectly) {
  const root = process.argv[2];
  if (!root) {
    process.stderr.write('usage: oracle.ts <workspace>\n');
    process.exit(2);
  }
  oracle(path.resolve(root)).then(
    (files) => process.stdout.write(JSON.stringify(files, null, 2) + '\n'),
    (e: unknown) => {
      process.stderr.write(`oracle failed: ${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}
