// The workspace features of the real-editor suite, each used the way a user
// uses it and checked against what the CLI writes for the same input:
//   - "shipguard: Apply Codemod to Workspace" through the refactor preview:
//     every file ticked, one unticked, Apply, Save All; the others equal the
//     CLI's `fix --rule`, the unticked one is unchanged, the message counts what
//     was applied; one undo (across all files) restores every file;
//   - the same command, safe fixes only, on a rule whose fixes are all unsafe:
//     the message says so and offers the unsafe fixes;
//   - the multi-line locking quick fix (race-read-check-write) from the light
//     bulb, saved: the file equals the CLI's `fix --unsafe-fixes` for that rule;
//     no light-bulb title shows markdown backticks;
//   - `source.fixAll.shipguard` on save: the safe fixes only (the CLI's `fix`),
//     an unsafe finding's code stays;
//   - a broken `.shipguard.json` (invalid JSON, then a misspelt rule id): shown
//     once each as a notification, while the diagnostics come with the defaults;
//   - "shipguard: Show Readiness Report": the webview's counts equal the CLI's
//     `shipguard report --format json`, and a `file:line` link opens that file.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SQUIGGLE_CLASS, plainText } from './workbench.mjs';

const CODEMOD_RULE = 'request-without-timeout';
const ALL_UNSAFE_RULE = 'lost-update-increment';
const LOCKING_RULE = 'race-read-check-write';

/** Runs the built CLI on a copy of the workspace as it is on disk; returns { copy, status, stdout, stderr, read(rel) }. */
function cliOnCopy(root, ws, args, edit) {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'shipguard-e2e-cli-'));
  fs.cpSync(ws, copy, { recursive: true });
  if (edit) edit(copy);
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'shipguard.js'), ...args], { cwd: copy, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const read = (rel) => fs.readFileSync(path.join(copy, rel), 'utf8');
  return { copy, status: r.status, stdout: r.stdout, stderr: r.stderr, read, dispose: () => fs.rmSync(copy, { recursive: true, force: true }) };
}

const count = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Waits until `pred()` (async) is truthy; returns its value. */
async function until(page, what, pred, timeout = 15_000, every = 150) {
  const start = Date.now();
  let last;
  for (;;) {
    last = await pred();
    if (last) return last;
    if (Date.now() - start > timeout) throw new Error(`${what}: not within ${timeout} ms`);
    await page.waitForTimeout(every);
  }
}

function readAll(ws, rels) {
  return new Map(rels.map((r) => [r, fs.readFileSync(path.join(ws, r), 'utf8')]));
}

/**
 * @param {object} t  the suite's helpers: { ROOT, ARTIFACTS, check, Skip, runOracle }
 * @param {import('./workbench.mjs').Workbench} wb
 */
export async function workspaceFeatures(t, wb, page, ws) {
  const { ROOT, ARTIFACTS, check, Skip, runOracle } = t;
  const artifact = (name, text) => fs.writeFileSync(path.join(ARTIFACTS, name), text);

  // ------------------------------------------------------------ readiness report webview
  await check('"Show Readiness Report" opens the report in a webview; its counts equal `shipguard report`', page, async () => {
    const cli = cliOnCopy(ROOT, ws, ['report', '.', '--format', 'json', '--no-progress', '--no-cache']);
    let want;
    try {
      if (cli.status !== 0 && cli.status !== 1) throw new Error(`shipguard report exited ${cli.status}: ${cli.stderr.slice(-500)}`);
      const s = JSON.parse(cli.stdout).summary;
      want = { findings: s.findings, projectFindings: s.projectFindings, critical: s.critical, high: s.high, medium: s.medium, blocking: s.blocking };
    } finally {
      cli.dispose();
    }
    await wb.runCommand('shipguard: Show Readiness Report');
    const read = async () => {
      for (const f of page.frames()) {
        const summary = await f.$('p.summary[data-findings]').catch(() => null);
        if (!summary) continue;
        const attr = async (sel, name) => Number(await f.getAttribute(sel, name, { timeout: 2_000 }));
        return {
          frame: f,
          got: {
            findings: Number(await summary.getAttribute('data-findings')),
            projectFindings: Number(await summary.getAttribute('data-project-findings')),
            critical: await attr('#critical', 'data-count'),
            high: await attr('#high', 'data-count'),
            medium: await attr('#medium', 'data-count'),
            blocking: await attr('[data-blocking]', 'data-blocking'),
          },
        };
      }
      return null;
    };
    const shown = await until(page, 'the report webview shows its summary', read, 120_000);
    if (JSON.stringify(shown.got) !== JSON.stringify(want)) throw new Error(`the webview shows ${JSON.stringify(shown.got)}, the CLI ${JSON.stringify(want)}`);
    const link = await shown.frame.$('a.loc');
    if (link) {
      const file = await link.getAttribute('data-file');
      const line = Number(await link.getAttribute('data-line'));
      await link.click();
      const base = file.split('/').pop();
      // the window title names the active editor; the status bar gives the cursor's line
      await until(page, `the link opens ${file}`, async () => (await page.title()).includes(base), 20_000);
      await until(page, `the cursor on line ${line} of ${file}`, async () => {
        const sel = await page.locator('[id="status.editor.selection"]').first().innerText({ timeout: 2_000 }).catch(() => '');
        return new RegExp(`\\bLn ${line}\\b`).test(sel);
      }, 20_000);
    }
    return `${want.findings} findings (${want.critical} Critical, ${want.high} High, ${want.medium} Medium), ${want.projectFindings} project-level${link ? '; a link opened its file' : ''}`;
  });

  // ------------------------------------------------------------ codemod through the refactor preview
  let codemodFiles = [];
  let unticked = null;
  let originals = new Map();
  let cliFixed = new Map();
  const previewed = await check(`trusted: "Apply Codemod to Workspace" (${CODEMOD_RULE}, Review in Preview) opens the refactor preview with every file ticked`, page, async () => {
    const oracle = await runOracle(ws);
    const withRule = oracle.filter((f) => f.findings.some((x) => x.ruleId === CODEMOD_RULE && x.fixes.some((y) => y.applicability === 'safe')));
    if (withRule.length < 2) throw new Skip(`only ${withRule.length} file(s) with a safe ${CODEMOD_RULE} fix left`);
    // what the CLI writes for this rule, file by file
    const cli = cliOnCopy(ROOT, ws, ['fix', '--rule', CODEMOD_RULE, '.']);
    try {
      codemodFiles = withRule.map((f) => ({ path: f.path, fixes: f.findings.filter((x) => x.ruleId === CODEMOD_RULE && x.fixes.some((y) => y.applicability === 'safe')).length }));
      originals = readAll(ws, codemodFiles.map((f) => f.path));
      for (const f of codemodFiles) cliFixed.set(f.path, cli.read(f.path));
    } finally {
      cli.dispose();
    }
    const changedByCli = codemodFiles.filter((f) => cliFixed.get(f.path) !== originals.get(f.path));
    if (changedByCli.length !== codemodFiles.length) throw new Error(`the CLI's fix --rule ${CODEMOD_RULE} leaves ${codemodFiles.length - changedByCli.length} of the files unchanged`);

    await wb.runCommand('shipguard: Apply Codemod to Workspace');
    await wb.pickQuickItem(CODEMOD_RULE);
    await wb.pickQuickItem('Safe fixes only');
    const total = codemodFiles.reduce((n, f) => n + f.fixes, 0);
    const offered = `${count(total, 'fix', 'fixes')} of ${CODEMOD_RULE} in ${count(codemodFiles.length, 'file')}`;
    const question = await wb.dialogText(/apply .* fix/i, 60_000);
    if (!question.includes(`apply ${offered}?`)) throw new Error(`the dialog says ${JSON.stringify(question)}, expected "apply ${offered}?"`);
    await wb.dialogButton('Review in Preview');
    await page.locator('.bulk-edit-panel .monaco-list-row').first().waitFor({ state: 'visible', timeout: 30_000 });
    // the whole list in view (the tree renders only the rows it shows)
    await wb.runCommand('View: Toggle Maximized Panel', { timeout: 10_000 });
    const rows = await until(page, 'the refactor preview lists every file', async () => {
      const r = await wb.previewFiles();
      return r.length >= codemodFiles.length ? r : null;
    }, 30_000).catch(async (e) => {
      artifact('codemod-preview-rows.json', JSON.stringify(await wb.previewFiles(), null, 1));
      throw e;
    });
    artifact('codemod-preview-rows.json', JSON.stringify(rows, null, 1));
    const base = (p) => p.split('/').pop();
    const missing = codemodFiles.filter((f) => !rows.some((r) => r.name === base(f.path)));
    if (missing.length) throw new Error(`not in the preview: ${missing.map((f) => f.path).join(', ')} (rows: ${JSON.stringify(rows)})`);
    const unchecked = rows.filter((r) => !r.checked);
    if (unchecked.length) throw new Error(`unticked in the preview: ${unchecked.map((r) => r.name).join(', ')}`);
    if (rows.length !== codemodFiles.length) throw new Error(`the preview lists ${rows.length} files, the CLI fixes ${codemodFiles.length}: ${rows.map((r) => r.name).join(', ')}`);
    return `${rows.length} files, all ticked: ${rows.map((r) => r.name).join(', ')}`;
  });

  // a preview left open (a failed check) holds every later workspace edit: discard it
  const discardPreview = async () => {
    const discard = page.locator('.bulk-edit-panel .monaco-button', { hasText: /^Discard$/ }).first();
    if (await discard.isVisible().catch(() => false)) await discard.click().catch(() => undefined);
  };
  if (!previewed) await discardPreview();
  if (previewed) {
    const applied = await check('trusted: untick one file, Apply, Save All: the others equal the CLI\'s fix, the unticked one is unchanged, the message counts what was applied', page, async () => {
      // untick the file whose name is unique among the rows, with the most fixes (the count then differs from the offer)
      const rows = await wb.previewFiles();
      const base = (p) => p.split('/').pop();
      const candidates = codemodFiles.filter((f) => rows.filter((r) => r.name === base(f.path)).length === 1).sort((a, b) => b.fixes - a.fixes);
      if (!candidates.length) throw new Error('no file with a unique name in the preview');
      unticked = candidates[0];
      await wb.togglePreviewFile(base(unticked.path), false);
      await wb.previewApply();
      await wb.runCommand('View: Toggle Maximized Panel', { timeout: 10_000 });
      const kept = codemodFiles.filter((f) => f !== unticked);
      const fixes = kept.reduce((n, f) => n + f.fixes, 0);
      const total = codemodFiles.reduce((n, f) => n + f.fixes, 0);
      const want = `applied ${count(fixes, 'fix', 'fixes')} in ${count(kept.length, 'file')} (${count(total, 'fix', 'fixes')} of ${CODEMOD_RULE} in ${count(codemodFiles.length, 'file')} offered)`;
      const msg = await wb.toastText(/shipguard: request-without-timeout: (applied|no change)/, 20_000);
      if (!msg.includes(want)) throw new Error(`message ${JSON.stringify(msg)}, expected it to say "${want}"`);
      await wb.runCommand('File: Save All Files');
      const wrong = await until(
        page,
        'the files on disk',
        async () => {
          const bad = [];
          for (const f of codemodFiles) {
            const disk = fs.readFileSync(path.join(ws, f.path), 'utf8');
            const expected = f === unticked ? originals.get(f.path) : cliFixed.get(f.path);
            if (disk !== expected) bad.push(f.path);
          }
          return bad.length ? null : [];
        },
        15_000,
      ).catch(() => codemodFiles.filter((f) => fs.readFileSync(path.join(ws, f.path), 'utf8') !== (f === unticked ? originals.get(f.path) : cliFixed.get(f.path))).map((f) => f.path));
      if (wrong.length) {
        for (const p of wrong) artifact(`codemod-${base(p)}.on-disk`, fs.readFileSync(path.join(ws, p), 'utf8'));
        throw new Error(`on disk not as expected: ${wrong.join(', ')}`);
      }
      return `"${msg}"; ${kept.length} files equal the CLI's output, ${unticked.path} unchanged`;
    });

    if (!applied) await discardPreview();
    if (applied) {
      await check('trusted: one undo (across all files) restores every file the codemod changed', page, async () => {
        const kept = codemodFiles.filter((f) => f !== unticked);
        await wb.openFile(kept[0].path);
        await wb.focusActiveEditor();
        await page.keyboard.press('Control+Z');
        // VS Code may ask whether to undo the workspace edit in every file or in this one
        const asked = await wb.dialogText(/undo/i, 3_000).catch(() => null);
        const button = asked ? await wb.dialogButton(/^Undo in \d+ Files$/) : null;
        // every file the codemod changed is back to its text, unsaved: Save All writes them
        const dirty = await until(page, 'the undone files shown as unsaved', async () => {
          const n = await page.locator('.tab.dirty').count();
          return n >= kept.length ? n : null;
        }, 10_000).catch(() => page.locator('.tab.dirty').count());
        await wb.runCommand('File: Save All Files');
        const wrong = await until(page, 'every file back to its text before the codemod', async () => codemodFiles.every((f) => fs.readFileSync(path.join(ws, f.path), 'utf8') === originals.get(f.path)), 15_000).catch(
          () => codemodFiles.filter((f) => fs.readFileSync(path.join(ws, f.path), 'utf8') !== originals.get(f.path)).map((f) => f.path),
        );
        if (Array.isArray(wrong)) throw new Error(`one Ctrl+Z left ${wrong.join(', ')} changed (${dirty} tabs unsaved after it)`);
        return `one Ctrl+Z in ${kept[0].path}${asked ? ` ("${asked}" -> ${button})` : ''} undid the codemod in ${kept.length} files; saved, all ${codemodFiles.length} files as before`;
      });
    }
  }

  // ------------------------------------------------------------ safe only, on a rule whose fixes are all unsafe
  await check(`trusted: "Apply Codemod to Workspace", safe fixes only, on ${ALL_UNSAFE_RULE} (every fix unsafe) points to the unsafe fixes`, page, async () => {
    await wb.runCommand('shipguard: Apply Codemod to Workspace');
    await wb.pickQuickItem(ALL_UNSAFE_RULE);
    const desc = await wb.quickItemDescription('Safe fixes only');
    if (!/no safe fixes/.test(desc)) throw new Error(`"Safe fixes only" is described as ${JSON.stringify(desc)}`);
    await wb.pickQuickItem('Safe fixes only');
    const msg = await wb.toastText(/nothing to fix with safe fixes only/, 30_000);
    if (!msg.includes(`every fix of ${ALL_UNSAFE_RULE} is unsafe`)) throw new Error(`message: ${JSON.stringify(msg)}`);
    const buttons = await wb.toastButtons(/nothing to fix with safe fixes only/);
    if (!buttons.includes('Include Unsafe Fixes')) throw new Error(`buttons: ${JSON.stringify(buttons)}`);
    await wb.dismissNotifications();
    return `"${msg}" [${buttons.join(', ')}]; quick pick: "${desc}"`;
  });

  // ------------------------------------------------------------ the multi-line locking quick fix
  await check(`trusted: the multi-line ${LOCKING_RULE} quick fix from the light bulb, saved, equals the CLI's fix --unsafe-fixes; no title shows backticks`, page, async () => {
    const oracle = await runOracle(ws);
    let target = null;
    for (const f of oracle.filter((x) => x.language === 'python').sort((a, b) => a.path.localeCompare(b.path))) {
      const race = f.findings.filter((x) => x.ruleId === LOCKING_RULE);
      if (race.length !== 1) continue;
      const fix = race[0].fixes.find((x) => !x.hasSnippet);
      if (!fix) continue;
      const original = fs.readFileSync(path.join(ws, f.path), 'utf8');
      const changedLines = fix.fixedText.split('\n').filter((l, i, all) => !original.split('\n').includes(l)).length;
      if (changedLines >= 2) {
        target = { file: f, finding: race[0], fix, original };
        break;
      }
    }
    if (!target) throw new Skip(`no Python file with one multi-line ${LOCKING_RULE} fix`);
    const rel = target.file.path;
    await wb.openFile(rel);
    let titles = [];
    // the menu is rebuilt when diagnostics arrive again (a settings change re-lints every open file):
    // a pick that lands while it is rebuilt applies nothing, so pick again until the edit lands
    for (let attempt = 0; ; attempt++) {
      await wb.goTo(target.finding.line, target.finding.column + 1);
      try {
        titles = await wb.quickFixes(8_000);
      } catch (e) {
        // no menu yet (the server still answering an earlier request): Escape and ask again
        if (attempt === 2) throw e;
        await page.keyboard.press('Escape');
        continue;
      }
      const ticks = titles.filter((x) => x.includes('`'));
      if (ticks.length) throw new Error(`titles with backticks: ${JSON.stringify(ticks)}`);
      await wb.pickQuickFix(plainText(target.fix.title));
      const landed = await page
        .locator('.editor-group-container.active .tab.active.dirty')
        .waitFor({ state: 'visible', timeout: 5_000 })
        .then(() => true, () => false);
      if (landed) break;
      if (attempt === 2) throw new Error(`picking "${plainText(target.fix.title)}" three times changed nothing`);
    }
    await wb.save();
    const cli = cliOnCopy(ROOT, ws, ['fix', '--unsafe-fixes', '--rule', LOCKING_RULE, rel], (copy) => fs.writeFileSync(path.join(copy, rel), target.original));
    let expected;
    try {
      expected = cli.read(rel);
    } finally {
      cli.dispose();
    }
    const disk = await until(page, 'the saved file', async () => {
      const d = fs.readFileSync(path.join(ws, rel), 'utf8');
      return d !== target.original ? d : null;
    });
    if (disk !== expected) {
      artifact(`locking-${path.basename(rel)}.on-disk`, disk);
      artifact(`locking-${path.basename(rel)}.expected`, expected);
      throw new Error(`${rel} on disk differs from \`shipguard fix --unsafe-fixes --rule ${LOCKING_RULE}\` of the same input (both in artifacts/e2e/)`);
    }
    const added = disk.split('\n').length - target.original.split('\n').length;
    return `${rel}: "${plainText(target.fix.title)}" (${added >= 0 ? '+' : ''}${added} lines) equals the CLI's output; menu: ${titles.join(' | ')}`;
  });

  // ------------------------------------------------------------ fix-all on save: only the safe fixes
  await check('trusted: editor.codeActionsOnSave source.fixAll.shipguard applies the safe fixes on save; the unsafe finding\'s code stays', page, async () => {
    const oracle = await runOracle(ws);
    const pick = oracle
      .map((f) => ({
        f,
        safe: f.findings.filter((x) => x.fixes.some((y) => y.applicability === 'safe' && !y.hasSnippet)),
        unsafe: f.findings.filter((x) => x.fixes.length && x.fixes.every((y) => y.applicability === 'unsafe')),
      }))
      .filter((x) => x.safe.length && x.unsafe.length && x.f.language === 'python')
      .sort((a, b) => b.unsafe.length - a.unsafe.length || a.f.path.localeCompare(b.f.path))[0];
    if (!pick) throw new Skip('no Python file with both a safe and an unsafe-only finding');
    const rel = pick.f.path;
    const abs = path.join(ws, rel);
    const original = fs.readFileSync(abs, 'utf8');
    // the setting the README gives, in the folder's .vscode/settings.json (the workbench reloads it when it changes)
    fs.mkdirSync(path.join(ws, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'editor.codeActionsOnSave': { 'source.fixAll.shipguard': 'explicit' } }, null, 2));
    await wb.openFile(rel);
    // the editor shows the file as it is on disk
    if (await wb.activeTabDirty()) await wb.runCommand('File: Revert File');
    await wb.focusActiveEditor();
    // a change of the user's (a comment at the end), then Ctrl+S; until the workbench has read the
    // new settings file, a save applies nothing: save again (one more word) until it applies
    let typed = '';
    const tail = original.endsWith('\n') ? '' : '\n';
    let disk = original;
    const start = Date.now();
    for (let round = 0; Date.now() - start < 30_000; round++) {
      await page.keyboard.press('Control+End');
      const add = round === 0 ? `${tail}# edited before saving` : ' again';
      await page.keyboard.type(add);
      typed += add;
      await wb.save();
      disk = fs.readFileSync(abs, 'utf8');
      if (disk !== original + typed) break;
      await page.waitForTimeout(1_000);
    }
    const buffer = original + typed;
    if (disk === buffer) throw new Error('saving applied no fix (source.fixAll.shipguard did not run)');
    const cli = cliOnCopy(ROOT, ws, ['fix', rel], (copy) => fs.writeFileSync(path.join(copy, rel), buffer));
    let expected;
    try {
      expected = cli.read(rel);
    } finally {
      cli.dispose();
    }
    if (disk !== expected) {
      artifact(`fixall-${path.basename(rel)}.on-disk`, disk);
      artifact(`fixall-${path.basename(rel)}.expected`, expected);
      throw new Error(`${rel} on disk differs from the CLI's \`fix\` (safe fixes) of the same text (both in artifacts/e2e/)`);
    }
    // the unsafe findings' code is still there, word for word
    const lines = original.split('\n');
    const kept = pick.unsafe.filter((x) => disk.includes(lines[x.line - 1]));
    if (kept.length !== pick.unsafe.length) throw new Error(`an unsafe finding's line changed: ${pick.unsafe.filter((x) => !kept.includes(x)).map((x) => `${x.ruleId}@${x.line}`).join(', ')}`);
    const safeRules = [...new Set(pick.safe.map((x) => x.ruleId))];
    return `${rel}: ${safeRules.join(', ')} fixed as the CLI's fix does; ${pick.unsafe.map((x) => `${x.ruleId}@${x.line}`).join(', ')} left as written`;
  });
  fs.rmSync(path.join(ws, '.vscode'), { recursive: true, force: true });

  // ------------------------------------------------------------ a broken configuration
  const config = path.join(ws, '.shipguard.json');
  const goodConfig = fs.existsSync(config) ? fs.readFileSync(config, 'utf8') : null;
  try {
    for (const [label, text, shown] of [
      ['invalid JSON', '{\n  "rules": { "stripe-idempotency-key": "error", }\n  "exclude": []\n}\n', /configuration has errors.*\.shipguard\.json/i],
      ['a misspelt rule id', '{\n  "rules": { "request-without-timout": "off" }\n}\n', /request-without-timout.*did you mean.*request-without-timeout/i],
    ]) {
      await check(`trusted: a .shipguard.json with ${label} is shown once, and the diagnostics come with the defaults`, page, async () => {
        await wb.clearNotifications();
        fs.writeFileSync(config, text);
        const msg = await wb.toastText(shown, 30_000);
        // the same broken file read again (it is saved once more): not shown a second time
        fs.writeFileSync(config, `${text}\n`);
        fs.writeFileSync(config, text);
        // the engine with this file (its errors, so the defaults): stripe-idempotency-key is back to its
        // default severity, a warning, where the workspace's good config made it an error
        const expected = await runOracle(ws);
        const file = expected.find((x) => x.findings.some((y) => y.ruleId === 'stripe-idempotency-key'));
        if (!file) throw new Error('no stripe-idempotency-key finding in the workspace');
        const f = file.findings.find((y) => y.ruleId === 'stripe-idempotency-key');
        if (f.severity !== 'warning') throw new Error(`the engine gives ${f.ruleId} the severity ${f.severity} with this file, not the default`);
        await wb.openFile(file.path);
        await wb.goTo(f.line, f.column);
        const cls = SQUIGGLE_CLASS[f.severity];
        await wb.waitSquiggles((sq) => sq.some((x) => x.line === f.line && x.classes.some((c) => c.includes(cls))), 20_000, `${cls} on line ${f.line} (${f.ruleId}, default severity)`);
        await page.waitForTimeout(2_000); // time for a second notification, if one were coming
        const n = await wb.notificationCount(shown);
        if (n !== 1) throw new Error(`shown ${n} times: ${JSON.stringify(msg)}`);
        return `"${msg.slice(0, 220)}" shown once; ${file.path}:${f.line} ${f.ruleId} a ${f.severity} again (the default; the good config makes it an error)`;
      });
    }
  } finally {
    if (goodConfig === null) fs.rmSync(config, { force: true });
    else fs.writeFileSync(config, goodConfig);
  }
}
