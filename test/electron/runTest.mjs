#!/usr/bin/env node
// Extension-host tests with @vscode/test-electron (`npm run test:electron`).
//
// Needs a desktop VS Code. In order:
//   1. SHIPGUARD_VSCODE_EXECUTABLE=/path/to/code: that VS Code;
//   2. a VS Code that @vscode/test-electron downloaded before (.cache/vscode-test/);
//   3. on a developer machine (not CI, SHIPGUARD_OFFLINE unset): a download,
//      with a short timeout.
// When none is possible (CI without the variable, offline: the update host does
// not resolve, download failed) it
// prints one line saying why and exits 0: never fails or hangs for lack of VS Code.
//
// Steps: npm run build (client and server bundles), bundle test/electron/suite
// into test/out/electron/, copy test/e2e/fixture to a temp workspace, ask the
// engine what it finds there (test/e2e/oracle.ts -> SHIPGUARD_EXPECTED), run
// VS Code with the repo as the extension under development.
import { spawnSync } from 'node:child_process';
import * as dns from 'node:dns/promises';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'test/out/electron');
const CACHE = path.join(ROOT, '.cache/vscode-test'); // git-ignored

const say = (msg) => process.stdout.write(`[electron] ${msg}\n`);
function skip(reason) {
  say(`SKIP extension-host tests: ${reason}`);
  process.exit(0);
}

/** A VS Code executable already on this machine, or null. */
function localVSCode() {
  const env = process.env.SHIPGUARD_VSCODE_EXECUTABLE;
  if (env) {
    if (!fs.existsSync(env)) {
      say(`SHIPGUARD_VSCODE_EXECUTABLE=${env} does not exist`);
      process.exit(1);
    }
    return env;
  }
  if (!fs.existsSync(CACHE)) return null;
  // layouts written by @vscode/test-electron: vscode-linux-x64-<version>/code, .../Visual Studio Code.app, Code.exe
  const names = process.platform === 'darwin' ? ['Visual Studio Code.app/Contents/MacOS/Electron'] : process.platform === 'win32' ? ['Code.exe'] : ['code'];
  for (const dir of fs.readdirSync(CACHE).sort().reverse()) {
    for (const n of names) {
      const p = path.join(CACHE, dir, n);
      if (fs.existsSync(p)) return p;
    }
  }
  return null;
}

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    say(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
    process.exit(1);
  }
  return r;
}

async function main() {
  const { runTests, downloadAndUnzipVSCode } = await import('@vscode/test-electron');

  let executable = localVSCode();
  if (!executable) {
    if (process.env.CI) skip('no local VS Code (set SHIPGUARD_VSCODE_EXECUTABLE) and CI does not download one');
    if (process.env.SHIPGUARD_OFFLINE) skip('no local VS Code (set SHIPGUARD_VSCODE_EXECUTABLE) and SHIPGUARD_OFFLINE is set');
    // offline machines fail a name lookup at once: skip instead of waiting on a download timeout
    const resolvable = await Promise.race([
      dns.lookup('update.code.visualstudio.com').then(() => true, () => false),
      new Promise((r) => setTimeout(() => r(false), 2_000).unref()),
    ]);
    if (!resolvable) skip('no local VS Code (set SHIPGUARD_VSCODE_EXECUTABLE) and no network to download one');
    say('no local VS Code: trying to download one (set SHIPGUARD_VSCODE_EXECUTABLE to use yours)');
    try {
      executable = await downloadAndUnzipVSCode({ cachePath: CACHE, timeout: 15_000 });
    } catch (e) {
      skip(`no local VS Code and the download failed (${String(e.message ?? e).split('\n')[0]})`);
    }
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    // Electron needs a display: re-run under a virtual one when there is none
    if (!process.env.SHIPGUARD_UNDER_XVFB && spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0) {
      const r = spawnSync('xvfb-run', ['-a', process.execPath, fileURLToPath(import.meta.url)], {
        stdio: 'inherit',
        env: { ...process.env, SHIPGUARD_UNDER_XVFB: '1', SHIPGUARD_VSCODE_EXECUTABLE: executable },
      });
      process.exit(r.status ?? 1);
    }
    if (!process.env.SHIPGUARD_UNDER_XVFB) skip('no display (DISPLAY unset) and no xvfb-run (apt-get install xvfb)');
  }
  say(`VS Code: ${executable}`);

  // bundles: the extension itself, and the test suite for the extension host
  sh('npm', ['run', 'build']);
  fs.rmSync(OUT, { recursive: true, force: true });
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: { index: path.join(ROOT, 'test/electron/suite/index.ts') },
    outdir: OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });

  // a throwaway workspace and what the engine finds in it
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shipguard-electron-'));
  const ws = path.join(tmp, 'workspace');
  fs.cpSync(path.join(ROOT, 'test/e2e/fixture'), ws, { recursive: true });
  const oracle = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/e2e/oracle.ts'), ws], { cwd: ROOT, encoding: 'utf8' });
  if (oracle.status !== 0) {
    say(`oracle failed: ${oracle.stderr}`);
    process.exit(1);
  }
  const expected = path.join(tmp, 'expected.json');
  fs.writeFileSync(expected, oracle.stdout);

  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(OUT, 'index.js'),
      extensionTestsEnv: { SHIPGUARD_EXPECTED: expected },
      launchArgs: [
        ws,
        '--disable-extensions', // other extensions only; the one under development still loads
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
        '--user-data-dir', path.join(tmp, 'user-data'),
        '--extensions-dir', path.join(tmp, 'extensions'),
      ],
      timeout: 5 * 60_000,
    });
    say('extension-host tests passed');
  } catch (e) {
    say(`extension-host tests failed: ${e.message ?? e}`);
    process.exitCode = 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  say(`error: ${e.stack ?? e}`);
  process.exit(1);
});
