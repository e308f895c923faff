/** Command-line parsing for `shipguard` (node:util parseArgs, no dependency). */
import { parseArgs } from 'node:util';

export const COMMANDS = ['scan', 'report', 'fix', 'baseline', 'rules', 'explain', 'lsp', 'debug-parse'] as const;
export type Command = (typeof COMMANDS)[number];

export class UsageError extends Error {}

export interface CliArgs {
  command: Command | null;
  positionals: string[];
  /** `md` and `html` only for `report` (its default is `md`). */
  format: 'text' | 'json' | 'sarif' | 'github' | 'md' | 'html';
  /** Findings at least this severe make the exit status 1. */
  failLevel: 'error' | 'warning' | 'info';
  output?: string;
  rules: string[];
  baseline?: string;
  jobs?: number;
  progress: boolean;
  unsafeFixes: boolean;
  diff: boolean;
  forceExclude: boolean;
  cache: boolean;
  stats: boolean;
  timing: boolean;
  verbose: boolean;
  help: boolean;
  version: boolean;
}

const OPTIONS = {
  format: { type: 'string' },
  'fail-level': { type: 'string' },
  output: { type: 'string', short: 'o' },
  rule: { type: 'string', multiple: true },
  baseline: { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  'no-progress': { type: 'boolean' },
  'unsafe-fixes': { type: 'boolean' },
  diff: { type: 'boolean' },
  'force-exclude': { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  stats: { type: 'boolean' },
  timing: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  stdio: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

/** Which options each command accepts (anything else is a usage error, not silently ignored). */
const ALLOWED: Record<Command, ReadonlyArray<keyof typeof OPTIONS>> = {
  scan: ['format', 'fail-level', 'output', 'rule', 'baseline', 'jobs', 'no-progress', 'force-exclude', 'no-cache', 'stats', 'timing', 'verbose'],
  report: ['format', 'output', 'rule', 'baseline', 'jobs', 'no-progress', 'force-exclude', 'no-cache', 'verbose'],
  fix: ['rule', 'unsafe-fixes', 'diff', 'fail-level', 'jobs', 'no-cache', 'force-exclude', 'verbose', 'no-progress'],
  baseline: ['output', 'rule', 'jobs', 'no-progress', 'force-exclude', 'no-cache', 'verbose'],
  rules: ['format', 'output'],
  explain: [],
  lsp: ['stdio'],
  // undocumented: times parsing alone, one thread (used by bench/run.mjs)
  'debug-parse': ['force-exclude'],
};

export function parseCli(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/, ''));
  }
  const v = parsed.values;
  const [first, ...rest] = parsed.positionals;
  let command: Command | null = null;
  if (first !== undefined) {
    if (!(COMMANDS as readonly string[]).includes(first)) {
      throw new UsageError(`unknown command \`${first}\` (commands: ${COMMANDS.filter((c) => !c.startsWith('debug-')).join(', ')})`);
    }
    command = first as Command;
  }
  if (command) {
    for (const key of Object.keys(v) as Array<keyof typeof OPTIONS>) {
      if (key === 'help' || key === 'version') continue;
      if (!ALLOWED[command].includes(key)) throw new UsageError(`\`--${key}\` does not apply to \`shipguard ${command}\``);
    }
  } else if (Object.keys(v).some((k) => k !== 'help' && k !== 'version')) {
    throw new UsageError('options come after a command, e.g. `shipguard scan . --format json`');
  }
  const format = v.format ?? (command === 'report' ? 'md' : 'text');
  const formats = command === 'rules' ? ['text', 'json'] : command === 'report' ? ['md', 'html', 'json'] : ['text', 'json', 'sarif', 'github'];
  if (!formats.includes(format)) throw new UsageError(`\`--format ${format}\`: expected one of ${formats.join(', ')}`);
  const failLevel = v['fail-level'] ?? 'warning';
  if (!['error', 'warning', 'info'].includes(failLevel)) throw new UsageError(`\`--fail-level ${failLevel}\`: expected one of error, warning, info`);
  let jobs: number | undefined;
  if (v.jobs !== undefined) {
    jobs = Number(v.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`\`--jobs ${v.jobs}\`: expected a positive whole number`);
  }
  const rules = (v.rule ?? []).flatMap((r) => r.split(',')).map((r) => r.trim()).filter(Boolean);
  if (command === 'explain' && rest.length !== 1) throw new UsageError('usage: shipguard explain <rule-id>');
  if (command === 'rules' && rest.length) throw new UsageError('`shipguard rules` takes no paths');
  if (command === 'lsp' && !v.stdio) throw new UsageError('usage: shipguard lsp --stdio');
  return {
    command,
    positionals: rest,
    format: format as CliArgs['format'],
    failLevel: failLevel as CliArgs['failLevel'],
    output: v.output,
    rules,
    baseline: v.baseline,
    jobs,
    progress: !v['no-progress'],
    unsafeFixes: !!v['unsafe-fixes'],
    diff: !!v.diff,
    forceExclude: !!v['force-exclude'],
    cache: !v['no-cache'],
    stats: !!v.stats,
    timing: !!v.timing,
    verbose: !!v.verbose,
    help: !!v.help,
    version: !!v.version,
  };
}

export const HELP = `shipguard: finds and fixes the production bugs pre-launch audits keep finding
in Python and JavaScript/TypeScript backends.

Usage:
  shipguard scan [paths...] [options]     report findings (paths default to .)
  shipguard report [paths...] [options]   production readiness report (--format md|html|json)
  shipguard fix [paths...] [options]      apply verified fixes
  shipguard baseline [paths...] [-o F]    record current findings; scan --baseline F then reports only new ones
  shipguard rules [--format text|json]    list the rules
  shipguard explain <rule-id>             print a rule's documentation
  shipguard lsp --stdio                   run the language server over stdio

Scan options:
  --format text|json|sarif|github
                             output format (default text; github: workflow annotations)
  --fail-level error|warning|info
                             findings at least this severe make the exit status 1
                             (default warning; info and hint findings, such as
                             unused-suppression, are reported without failing)
  -o, --output FILE          write the report to FILE instead of stdout
  --rule ID                  only this rule (repeatable, or comma-separated)
  --baseline FILE            hide findings recorded in FILE (see \`shipguard baseline\`)
  -j, --jobs N               worker threads (default and maximum: number of CPUs)
  --no-progress              no progress line on stderr
  --no-cache                 ignore and do not write the result cache
  --force-exclude            apply ignore rules to files named on the command line too
  --stats                    print timing and memory statistics (JSON) to stderr
  --timing                   print the time spent per rule and in parsing to stderr (implies --no-cache)
  -v, --verbose              print rule failures, dropped fixes and other details to stderr

Report options:
  --format md|html|json      Markdown (default), one self-contained HTML file, or JSON
  -o, --output FILE          write the report to FILE instead of stdout
  --rule, --baseline, --jobs, --no-progress, --no-cache, --force-exclude, --verbose
                             as for scan (the baseline and config apply the same way)

Fix options:
  --rule ID                  only fixes of this rule
  --unsafe-fixes             also apply fixes marked unsafe (review them)
  --diff                     print a unified diff and write nothing
  --fail-level LEVEL         as for scan, for the findings that remain
  -v, --verbose              as for scan

Files: .gitignore files (root and nested), the config's "exclude" patterns and
node_modules, .git, build output, virtualenvs and caches are skipped. Config is
read from .shipguard.json, package.json "shipguard" or pyproject.toml
[tool.shipguard] in the workspace root; a config with errors stops the run.
\`fix\` writes only inside the paths given, through symbolic links, each file once.

Exit status: 0 no findings at or above --fail-level, 1 such findings,
2 usage or configuration error, or a path or file that could not be read,
analysed or written (each reported on stderr; the run goes on with the rest).
`;
