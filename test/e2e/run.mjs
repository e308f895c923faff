#!/usr/bin/env node
// The real-editor suite: shipguard in a real VS Code, used the way a user uses it.
//
//   1. test/e2e/setup.sh installs (or reuses) Node 24, code-server and Chromium;
//   2. `npm run package` builds shipguard.vsix, installed with
//      `code-server --install-extension` into fresh extensions/user-data folders;
//   3. code-server serves a temp copy of examples/ on 127.0.0.1 (--auth none,
//      telemetry and update checks off) and Playwright drives Debian's Chromium:
//      open a Python file and a TS file, check the squiggles and the Problems
//      panel against what the engine finds (test/e2e/oracle.ts), hover for the
//      rule docs, Ctrl+. for the quick fix, apply it, save, compare the file on
//      disk with the engine's fixed text, run "shipguard: Scan Workspace";
//      then the workspace features (features.mjs): "Apply Codemod to Workspace"
//      through the refactor preview and one undo, safe fixes only on a rule
//      whose fixes are all unsafe, fix-all on save, the multi-line locking quick
//      fix against the CLI's output, a broken .shipguard.json;
//   4. the same diagnostics check with the folder untrusted (Restricted Mode).
//
// Exit code 0 when every check passed, 1 otherwise. Screenshots and logs go to
// artifacts/e2e/. Environment:
//   SHIPGUARD_E2E_VSIX=path      use this VSIX instead of `npm run package`
//   SHIPGUARD_E2E_SKIP_SETUP=1   do not run setup.sh (paths below must exist)
//   SHIPGUARD_E2E_TIMEOUT_S=900  hard limit for the whole run
//   SHIPGUARD_E2E_KEEP=1         keep the temp folder (workspace, logs)
//   SHIPGUARD_E2E_HEADED=1       show the browser (needs a display)
//   SHIPGUARD_E2E_ONLY=features  run only these groups (comma-separated: editor,
//                                features, restricted), for working on one
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workbench, SQUIGGLE_CLASS, plainText } from './workbench.mjs';
import { workspaceFeatures } from './features.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e');
const TOTAL_MS = Number(process.env.SHIPGUARD_E2E_TIMEOUT_S ?? 900) * 1000;
const EXT_ID = (() => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return `${pkg.publisher}.${pkg.name}`;
})();
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SOURCE_TS = /\.(ts|tsx|mts|cts)$/;
// SHIPGUARD_E2E_ONLY=features,restricted runs only those groups (editor: squiggles to Scan Workspace)
const ONLY = new Set((process.env.SHIPGUARD_E2E_ONLY ?? '').split(',').map((x) => x.trim()).filter(Boolean));
const wanted = (group) => !ONLY.size || ONLY.has(group);

const t0 = Date.now();
const results = []; // { name, status: 'pass'|'fail'|'skip', detail }
const children = new Set();
let shot = 0;
const metrics = {};
const notes = [];

const log = (msg) => process.stdout.write(`[e2e ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}\n`);

// ---------------------------------------------------------------- processes
function killTree(child, signal) {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // detached => own process group (extension host, language server)
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* gone */
    }
  }
}

async function stopChild(child, timeout = 8_000) {
  if (child.exitCode !== null || child.signalCode !== null) {
    children.delete(child);
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  killTree(child, 'SIGTERM');
  const timer = setTimeout(() => killTree(child, 'SIGKILL'), timeout);
  await exited;
  clearTimeout(timer);
  children.delete(child);
}

function killAllNow() {
  for (const c of children) killTree(c, 'SIGKILL');
}
process.on('exit', killAllNow);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    log(`${sig}: stopping`);
    killAllNow();
    process.exit(130);
  });
}
const watchdog = setTimeout(() => {
  log(`hard limit of ${TOTAL_MS / 1000}s reached: stopping everything`);
  results.push({ name: 'finishes within the time limit', status: 'fail', detail: `${TOTAL_MS / 1000}s` });
  summary();
  killAllNow();
  process.exit(1);
}, TOTAL_MS);

/** Runs a command to completion, streaming its output with a prefix; resolves { code, out }. */
function run(cmd, args, { cwd = ROOT, env = process.env, prefix, timeout = 600_000, quiet = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    children.add(child);
    let out = '';
    const onData = (d) => {
      const s = d.toString();
      out += s;
      if (!quiet) for (const line of s.split('\n')) if (line.trim()) process.stdout.write(`${prefix ? prefix + ' ' : ''}${line}\n`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => {
      out += `\n(timed out after ${timeout} ms)`;
      killTree(child, 'SIGKILL');
    }, timeout);
    child.on('error', (e) => {
      out += String(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code: code ?? 1, out });
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitHttp(url, timeout, child) {
  const start = Date.now();
  let last = '';
  while (Date.now() - start < timeout) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}) before answering`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeout} ms (${last})`);
}

// ---------------------------------------------------------------- results
async function screenshot(page, name) {
  if (!page) return;
  const file = path.join(ARTIFACTS, `${String(++shot).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
  await page.screenshot({ path: file, timeout: 10_000 }).catch(() => undefined);
}

class Skip extends Error {}

/** One check: runs fn, records pass/fail/skip, saves a screenshot. Returns fn's value or undefined. */
async function check(name, page, fn) {
  const start = Date.now();
  try {
    const detail = await fn();
    results.push({ name, status: 'pass', detail: typeof detail === 'string' ? detail : '' });
    log(`ok    ${name}${typeof detail === 'string' && detail ? ` (${detail})` : ''} [${Date.now() - start} ms]`);
    await screenshot(page, name);
    return detail || true;
  } catch (e) {
    if (e instanceof Skip) {
      results.push({ name, status: 'skip', detail: e.message });
      log(`skip  ${name}: ${e.message}`);
    } else {
      results.push({ name, status: 'fail', detail: e.message.split('\n')[0] });
      log(`FAIL  ${name}: ${e.message}`);
    }
    await screenshot(page, `${name}-${e instanceof Skip ? 'skipped' : 'failed'}`);
    return undefined;
  }
}

function blocked(name, why) {
  results.push({ name, status: 'fail', detail: `not run: ${why}` });
  log(`FAIL  ${name}: not run: ${why}`);
}

function summary() {
  const n = (s) => results.filter((r) => r.status === s).length;
  process.stdout.write('\n==== shipguard real-editor suite (code-server + Chromium) ====\n');
  for (const r of results) process.stdout.write(`${r.status === 'pass' ? 'PASS' : r.status === 'skip' ? 'SKIP' : 'FAIL'}  ${r.name}${r.detail ? ` — ${r.detail}` : ''}\n`);
  for (const [k, v] of Object.entries(metrics)) process.stdout.write(`metric ${k}: ${v}\n`);
  for (const n of notes) process.stdout.write(`note ${n}\n`);
  process.stdout.write(`screenshots and logs: ${path.relative(ROOT, ARTIFACTS) || ARTIFACTS}/\n`);
  process.stdout.write(`total time: ${((Date.now() - t0) / 1000).toFixed(1)}s\n`);
  process.stdout.write(`e2e: ${n('pass')} passed, ${n('fail')} failed, ${n('skip')} skipped\n`);
}

// ---------------------------------------------------------------- oracle
async function runOracle(ws) {
  const r = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/e2e/oracle.ts'), ws], { quiet: true, timeout: 120_000 });
  if (r.code !== 0) throw new Error(`oracle failed: ${r.out.slice(-2000)}`);
  return JSON.parse(r.out.slice(r.out.indexOf('[')));
}

/** The file of a language with the most findings that carry a plain (no snippet) fix, safe first. */
function pickTarget(files, isLang) {
  const scored = [];
  for (const f of files.filter((x) => isLang(x.path) && x.findings.length)) {
    for (const finding of f.findings) {
      for (const fix of finding.fixes) {
        if (fix.hasSnippet) continue;
        const score = (fix.applicability === 'safe' ? 1000 : 0) + f.findings.length;
        scored.push({ score, file: f, finding, fix });
      }
    }
  }
  scored.sort((a, b) => b.score - a.score || a.file.path.localeCompare(b.file.path));
  return scored[0] ?? null;
}

// ---------------------------------------------------------------- editor scenario
async function startCodeServer({ env, mode, dirs, trusted }) {
  const port = await freePort();
  const args = [
    env.codeServer,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--config', dirs.config,
    '--extensions-dir', dirs.ext,
    '--user-data-dir', dirs.userData,
  ];
  if (trusted) args.push('--disable-workspace-trust');
  const logFile = path.join(ARTIFACTS, `code-server-${mode}.log`);
  const out = fs.openSync(logFile, 'w');
  const child = spawn(env.node, args, { cwd: dirs.tmp, env: dirs.env, stdio: ['ignore', out, out], detached: true });
  children.add(child);
  fs.closeSync(out);
  await waitHttp(`http://127.0.0.1:${port}/healthz`, 60_000, child);
  return { child, port, logFile };
}

function writeUserSettings(userData) {
  const settings = {
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'always',
    'security.workspace.trust.untrustedFiles': 'open',
    'files.autoSave': 'off',
    'editor.formatOnSave': false,
    'editor.minimap.enabled': false,
    'workbench.tree.enableStickyScroll': false,
    'editor.codeActionsOnSave': {},
    // only shipguard's diagnostics in the editor: the built-in TS checker would
    // underline the example's unresolved imports
    'typescript.validate.enable': false,
    'javascript.validate.enable': false,
    'typescript.disableAutomaticTypeAcquisition': true,
    'git.enabled': false,
  };
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

/** Opens a file and checks squiggles against the oracle; returns the open time and first-squiggle latency. */
async function checkDiagnostics(wb, page, label, file, firstWait = 60_000) {
  const findings = file.findings;
  let openedAt = 0;
  const opened = await check(`${label}: open ${file.path} from Quick Open`, page, async () => {
    openedAt = await wb.openFile(file.path);
    return 'editor shown';
  });
  if (!opened) {
    blocked(`${label}: squiggles on the expected lines`, 'file did not open');
    return null;
  }
  let latency = null;
  const squigglesOk = await check(`${label}: squiggles on the expected lines of ${file.path}`, page, async () => {
    if (!findings.length) throw new Skip(`the engine finds nothing in ${file.path}`);
    // first squiggle anywhere in view: the latency a user feels
    const firstVisible = findings[0];
    await wb.goTo(firstVisible.line, firstVisible.column);
    await wb.waitSquiggles((s) => s.length > 0, firstWait, 'first squiggle');
    latency = Date.now() - openedAt;
    const lines = [];
    for (const f of findings) {
      await wb.goTo(f.line, f.column);
      const cls = SQUIGGLE_CLASS[f.severity];
      const seen = await wb.waitSquiggles(
        (s) => s.some((x) => x.line === f.line && x.classes.some((c) => c.includes(cls))),
        20_000,
        `${cls} on line ${f.line} (${f.ruleId})`,
      );
      // nothing underlined where the engine finds nothing
      const covered = (ln) => findings.some((g) => ln >= g.line && ln <= g.endLine);
      const extra = seen.filter((x) => !covered(x.line));
      if (extra.length) throw new Error(`unexpected squiggles on lines ${extra.map((x) => x.line).join(', ')} (engine: ${findings.map((g) => g.line).join(', ')})`);
      lines.push(f.line);
    }
    return `lines ${lines.join(', ')}; first squiggle ${latency} ms after opening`;
  });
  return { openedAt, latency, squigglesOk };
}

/** "rule@line" for each shipguard marker the Problems panel shows per file. */
function shipguardMarkers(rows, ruleIds) {
  const ids = [...ruleIds].sort((a, b) => b.length - a.length);
  const byFile = new Map();
  for (const r of rows) {
    if (r.kind !== 'marker' || !/shipguard/i.test(r.text + r.label)) continue;
    const id = ids.find((x) => (r.text + r.label).includes(x)) ?? '?';
    if (!byFile.has(r.file)) byFile.set(r.file, []);
    byFile.get(r.file).push(`${id}@${r.line}`);
  }
  for (const v of byFile.values()) v.sort();
  return byFile;
}

const wantMarkers = (file) => file.findings.map((f) => `${f.ruleId}@${f.line}`).sort();

async function checkProblems(wb, page, label, file, allRuleIds) {
  return check(`${label}: Problems panel lists the shipguard findings of ${file.path}`, page, async () => {
    await wb.openProblems();
    const want = wantMarkers(file);
    const start = Date.now();
    let got = [];
    let rows = [];
    while (Date.now() - start < 20_000) {
      rows = await wb.problems();
      got = shipguardMarkers(rows, allRuleIds).get(file.path) ?? [];
      if (JSON.stringify(got) === JSON.stringify(want)) return `${got.length} finding(s): ${got.join(', ')}`;
      await page.waitForTimeout(200);
    }
    throw new Error(`expected ${JSON.stringify(want)}, panel shows ${JSON.stringify(got)} (rows: ${JSON.stringify(rows.slice(0, 12))})`);
  });
}

async function checkHover(wb, page, label, file, finding) {
  return check(`${label}: hover on ${file.path}:${finding.line} shows the ${finding.ruleId} docs`, page, async () => {
    await wb.openFile(file.path);
    await wb.goTo(finding.line, finding.column + (finding.endColumn > finding.column + 1 || finding.endLine > finding.line ? 1 : 0));
    const want = plainText(finding.docSummary).slice(0, 60);
    const text = await wb.hoverText((t) => t.includes(finding.ruleId) && plainText(t).includes(want));
    await page.keyboard.press('Escape');
    return `hover has "${finding.ruleId}" and "${want}…" (${text.length} chars)`;
  });
}

async function checkQuickFix(wb, page, label, target, ws) {
  const { file, finding, fix } = target;
  const offered = await check(`${label}: Ctrl+. on ${file.path}:${finding.line} offers "${fix.title}"`, page, async () => {
    await wb.openFile(file.path);
    await wb.goTo(finding.line, finding.column + (finding.endColumn > finding.column + 1 ? 1 : 0));
    const titles = await wb.quickFixes();
    if (!titles.some((t) => t.startsWith(plainText(fix.title)))) {
      throw new Error(`menu: ${JSON.stringify(titles)}`);
    }
    // fix titles are markdown (\`timeout=10\`); the light bulb shows them as plain text
    const ticks = titles.filter((t) => t.includes('`'));
    if (ticks.length) throw new Error(`titles with raw backticks: ${JSON.stringify(ticks)}`);
    return `menu: ${titles.join(' | ')}`;
  });
  if (!offered) {
    await page.keyboard.press('Escape');
    blocked(`${label}: applying "${fix.title}" and saving writes the fixed file`, 'the fix was not offered');
    return;
  }
  await check(`${label}: applying "${fix.title}" and saving writes the fixed file`, page, async () => {
    await wb.pickQuickFix(fix.title);
    const abs = path.join(ws, file.path);
    // the edit lands in the buffer (the tab turns dirty), then Ctrl+S writes it
    await page.locator('.editor-group-container.active .tab.active.dirty').waitFor({ state: 'visible', timeout: 15_000 });
    await wb.save();
    const start = Date.now();
    let disk = '';
    while (Date.now() - start < 15_000) {
      disk = fs.readFileSync(abs, 'utf8');
      if (disk === fix.fixedText) return `${file.path} on disk equals the engine's fixed text`;
      await page.waitForTimeout(100);
    }
    fs.writeFileSync(path.join(ARTIFACTS, `${label}-${path.basename(file.path)}.on-disk`), disk);
    fs.writeFileSync(path.join(ARTIFACTS, `${label}-${path.basename(file.path)}.expected`), fix.fixedText);
    throw new Error(`file on disk differs from the expected fixed text (both saved in ${path.relative(ROOT, ARTIFACTS)}/)`);
  });
}

async function editorSession({ env, mode, trusted, ws, vsix, dirsBase, targets, oracleFiles, browser }) {
  const label = trusted ? 'trusted' : 'restricted';
  const userData = path.join(dirsBase.tmp, `user-data-${mode}`);
  writeUserSettings(userData);
  const dirs = { ...dirsBase, userData };
  let server;
  let context;
  try {
    const started = await check(`${label}: code-server starts on 127.0.0.1`, null, async () => {
      server = await startCodeServer({ env, mode, dirs, trusted });
      return `port ${server.port}`;
    });
    if (!started) return;
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const consoleLog = fs.createWriteStream(path.join(ARTIFACTS, `browser-console-${mode}.log`));
    page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));
    const wb = new Workbench(page);
    const ready = await check(`${label}: workbench loads the workspace`, page, async () => {
      await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(ws)}`, { timeout: 60_000 });
      await wb.waitReady();
      return '';
    });
    if (!ready) return;

    if (!trusted) {
      await check('restricted: Restricted Mode is on', page, async () => {
        await page.locator('.statusbar-item, .part.banner', { hasText: /Restricted Mode/i }).first().waitFor({ state: 'visible', timeout: 30_000 });
        return 'banner/status shows Restricted Mode';
      });
    }

    if (trusted && !wanted('editor')) {
      if (wanted('features')) await workspaceFeatures({ ROOT, ARTIFACTS, check, Skip, runOracle }, wb, page, ws);
      return;
    }
    const py = targets.python;
    const ruleIds = new Set(oracleFiles.flatMap((f) => f.findings.map((x) => x.ruleId)));
    const pyDiag = await checkDiagnostics(wb, page, `${label} python`, py.file);
    if (trusted && pyDiag?.latency != null) metrics['python: open file -> first squiggle'] = `${pyDiag.latency} ms`;
    if (pyDiag) await checkProblems(wb, page, `${label} python`, py.file, ruleIds);

    const tsTarget = targets.typescript;
    if (tsTarget) {
      const tsDiag = await checkDiagnostics(wb, page, `${label} typescript`, tsTarget.file, 20_000);
      if (trusted && tsDiag?.latency != null) metrics['typescript: open file -> first squiggle'] = `${tsDiag.latency} ms`;
      if (tsDiag) await checkProblems(wb, page, `${label} typescript`, tsTarget.file, ruleIds);
    }
    if (!trusted) return;

    await checkHover(wb, page, 'trusted python', py.file, py.finding);
    if (tsTarget) await checkHover(wb, page, 'trusted typescript', tsTarget.file, tsTarget.finding);

    await checkQuickFix(wb, page, 'trusted python', py, ws);
    if (tsTarget) {
      await checkQuickFix(wb, page, 'trusted typescript', tsTarget, ws);
    }

    await check('trusted: "shipguard: Scan Workspace" lists every file with findings in Problems', page, async () => {
      const after = await runOracle(ws); // the workspace as it is now (fixes applied)
      const present = await wb.runCommand('shipguard: Scan Workspace', { optional: true, timeout: 10_000 });
      if (!present) throw new Skip('the command palette has no "shipguard: Scan Workspace"');
      const ids = new Set([...ruleIds, ...after.flatMap((f) => f.findings.map((x) => x.ruleId))]);
      const expected = after.filter((f) => f.findings.length);
      const start = Date.now();
      let wrong = [];
      while (Date.now() - start < 90_000) {
        const err = await wb.commandError();
        if (err) throw new Error(`VS Code reports: ${err}`);
        // the panel is normally still open from the earlier checks
        if (Date.now() - start > 3_000 && !(await page.locator('.markers-panel').isVisible())) await wb.openProblems();
        const rows = await wb.problems();
        fs.writeFileSync(path.join(ARTIFACTS, 'scan-problems-rows.json'), JSON.stringify(rows, null, 1));
        const shown = shipguardMarkers(rows, ids);
        wrong = expected
          .map((f) => ({ path: f.path, want: wantMarkers(f), got: shown.get(f.path) ?? [] }))
          .filter((x) => JSON.stringify(x.want) !== JSON.stringify(x.got));
        if (!wrong.length) {
          const total = expected.reduce((n, f) => n + f.findings.length, 0);
          return `${expected.length} files, ${total} findings, each on its line`;
        }
        await page.waitForTimeout(500);
      }
      throw new Error(`${wrong.length} file(s) differ, e.g. ${JSON.stringify(wrong.slice(0, 3))}`);
    });

    if (wanted('features')) await workspaceFeatures({ ROOT, ARTIFACTS, check, Skip, runOracle }, wb, page, ws);
  } finally {
    if (context) await context.close().catch(() => undefined);
    if (server) {
      await stopChild(server.child);
      log(`stopped code-server (${label})`);
    }
    // the extension host and language server logs, for the report
    const logs = path.join(userData, 'logs');
    if (fs.existsSync(logs)) {
      fs.cpSync(logs, path.join(ARTIFACTS, `vscode-logs-${mode}`), { recursive: true });
      // errors the extension logged explain most failures: show the first few
      const errors = [];
      for (const f of fs.readdirSync(logs, { recursive: true })) {
        if (!/shipguard.*\.log$/i.test(String(f))) continue;
        for (const line of fs.readFileSync(path.join(logs, String(f)), 'utf8').split('\n')) {
          if (/\berror\b|exception|failed/i.test(line)) errors.push(line.trim().slice(0, 300));
        }
      }
      const unique = [...new Set(errors.map((l) => l.replace(/^\S+ \S+ /, '')))];
      if (unique.length) {
        notes.push(`${label}: the shipguard log has ${errors.length} error line(s), e.g.:`);
        for (const l of unique.slice(0, 4)) notes.push(`  ${l}`);
      }
    }
  }
}

// ---------------------------------------------------------------- main
async function main() {
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });

  // 1. set-up
  let env = null;
  const setupOk = await check('set-up: Node 24, code-server, Chromium', null, async () => {
    if (process.env.SHIPGUARD_E2E_SKIP_SETUP) {
      const cache = process.env.SHIPGUARD_E2E_CACHE ?? path.join(ROOT, '.cache/e2e');
      env = {
        node: path.join(cache, 'node24/node_modules/node/bin/node'),
        codeServer: path.join(cache, 'code-server/node_modules/code-server/out/node/entry.js'),
        chromium: '/usr/bin/chromium',
      };
      return 'skipped setup.sh (SHIPGUARD_E2E_SKIP_SETUP)';
    }
    const r = await run('bash', [path.join(ROOT, 'test/e2e/setup.sh')], { timeout: 1_200_000 });
    if (r.code !== 0) throw new Error(`setup.sh exited ${r.code}`);
    const m = /^E2E_ENV node=(\S+) code_server=(\S+) chromium=(\S+)$/m.exec(r.out);
    if (!m) throw new Error('setup.sh did not print E2E_ENV');
    env = { node: m[1], codeServer: m[2], chromium: m[3] };
    return '';
  });
  if (!setupOk) return;
  for (const p of [env.node, env.codeServer, env.chromium]) if (!fs.existsSync(p)) throw new Error(`missing ${p}`);

  // 2. VSIX
  let vsix = process.env.SHIPGUARD_E2E_VSIX ? path.resolve(process.env.SHIPGUARD_E2E_VSIX) : path.join(ROOT, 'shipguard.vsix');
  const packaged = await check('package: npm run package -> shipguard.vsix', null, async () => {
    if (process.env.SHIPGUARD_E2E_VSIX) {
      if (!fs.existsSync(vsix)) throw new Error(`${vsix} does not exist`);
      return `using ${vsix}`;
    }
    fs.rmSync(vsix, { force: true });
    const r = await run('npm', ['run', 'package'], { prefix: '  [package]', quiet: true, timeout: 600_000 });
    if (r.code !== 0 || !fs.existsSync(vsix)) {
      fs.writeFileSync(path.join(ARTIFACTS, 'package.log'), r.out);
      throw new Error(`npm run package exited ${r.code}; last lines:\n${r.out.split('\n').filter((l) => l.trim() && !/Unknown (user|env) config/.test(l)).slice(-15).join('\n')}`);
    }
    return `${(fs.statSync(vsix).size / 1024 / 1024).toFixed(2)} MB`;
  });
  if (!packaged) return;

  // 3. temp folders, workspace copy and what the engine says about it
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shipguard-e2e-'));
  try {
    const dirs = {
      tmp,
      ext: path.join(tmp, 'extensions'),
      config: path.join(tmp, 'code-server.yaml'),
      env: {
        ...process.env,
        HOME: path.join(tmp, 'home'),
        XDG_CONFIG_HOME: path.join(tmp, 'home/.config'),
        XDG_DATA_HOME: path.join(tmp, 'home/.local/share'),
        XDG_CACHE_HOME: path.join(tmp, 'home/.cache'),
        VSCODE_CLI_DISABLE_KEYCHAIN_ENCRYPT: '1',
      },
    };
    fs.mkdirSync(dirs.env.XDG_CONFIG_HOME, { recursive: true });
    fs.writeFileSync(dirs.config, 'auth: none\ncert: false\n');

    const ws = path.join(tmp, 'workspace');
    let targets = null;
    let oracleFiles = [];
    await check('workspace: temp copy of examples/ with a Python and a TS finding that have fixes', null, async () => {
      const examples = path.join(ROOT, 'examples');
      if (fs.existsSync(examples)) fs.cpSync(examples, ws, { recursive: true, filter: (s) => !/[\\/](node_modules|\.git)([\\/]|$)/.test(s) });
      else fs.mkdirSync(ws, { recursive: true });
      oracleFiles = await runOracle(ws);
      let py = pickTarget(oracleFiles, (p) => p.endsWith('.py'));
      let ts = pickTarget(oracleFiles, (p) => SOURCE_TS.test(p));
      const origin = [];
      if (!py || !ts) {
        // examples/ lacks a case: add the suite's own sample app beside it
        fs.cpSync(path.join(ROOT, 'test/e2e/fixture'), path.join(ws, 'e2e-fixture'), { recursive: true });
        oracleFiles = await runOracle(ws);
        if (!py) {
          py = pickTarget(oracleFiles, (p) => p.endsWith('.py'));
          origin.push('python from test/e2e/fixture');
        }
        if (!ts) {
          ts = pickTarget(oracleFiles, (p) => SOURCE_TS.test(p));
          origin.push('typescript from test/e2e/fixture');
        }
      }
      if (!py) throw new Error('no Python file with a fixable finding, even in test/e2e/fixture');
      targets = { python: py, typescript: ts };
      fs.writeFileSync(path.join(ARTIFACTS, 'expected-findings.json'), JSON.stringify(oracleFiles, null, 2));
      const total = oracleFiles.reduce((n, f) => n + f.findings.length, 0);
      return `${oracleFiles.length} source files, ${total} findings; python: ${py.file.path}, ts: ${ts ? ts.file.path : 'none'}${origin.length ? `; ${origin.join(', ')}` : ''}`;
    });
    if (!targets) return;
    if (!targets.typescript) {
      results.push({ name: 'typescript: a TS file with a fixable finding', status: 'fail', detail: 'the engine offers no fix in any TS file, not even test/e2e/fixture' });
    }

    // 4. install the VSIX into a fresh extensions folder
    const installed = await check('install: code-server --install-extension shipguard.vsix', null, async () => {
      const base = [env.codeServer, '--extensions-dir', dirs.ext, '--user-data-dir', path.join(tmp, 'user-data-install'), '--config', dirs.config];
      const r = await run(env.node, [...base, '--install-extension', vsix, '--force'], { env: dirs.env, quiet: true, timeout: 120_000 });
      fs.writeFileSync(path.join(ARTIFACTS, 'install-extension.log'), r.out);
      if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.out.slice(-500)}`);
      const list = await run(env.node, [...base, '--list-extensions', '--show-versions'], { env: dirs.env, quiet: true, timeout: 60_000 });
      const line = list.out.split('\n').find((l) => l.toLowerCase().startsWith(EXT_ID.toLowerCase() + '@'));
      if (!line) throw new Error(`${EXT_ID} not listed: ${list.out.slice(-300)}`);
      return line.trim();
    });
    if (!installed) return;

    // 5. the editor, trusted then restricted
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: env.chromium,
      headless: !process.env.SHIPGUARD_E2E_HEADED,
      args: CHROMIUM_ARGS,
      timeout: 60_000,
    });
    try {
      for (const [mode, trusted] of [['trusted', true], ['restricted', false]]) {
        if (!trusted && !wanted('restricted')) continue;
        const wsCopy = trusted ? ws : `${ws}-restricted`;
        if (!trusted) {
          // a fresh copy: the trusted run applied fixes to `ws`
          fs.cpSync(path.join(tmp, 'workspace-pristine'), wsCopy, { recursive: true });
        } else {
          fs.cpSync(ws, path.join(tmp, 'workspace-pristine'), { recursive: true });
        }
        await editorSession({ env, mode, trusted, ws: wsCopy, vsix, dirsBase: dirs, targets, oracleFiles, browser });
      }
    } finally {
      await browser.close().catch(() => undefined);
    }
  } finally {
    if (process.env.SHIPGUARD_E2E_KEEP) log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main()
  .catch((e) => {
    results.push({ name: 'suite', status: 'fail', detail: e.stack ?? String(e) });
  })
  .finally(() => {
    clearTimeout(watchdog);
    summary();
    killAllNow();
    process.exit(results.some((r) => r.status === 'fail') || !results.some((r) => r.status === 'pass') ? 1 : 0);
  });
