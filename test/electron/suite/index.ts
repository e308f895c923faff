/**
 * Extension-host entry for @vscode/test-electron: VS Code loads this bundle
 * (test/out/electron/index.js, built by runTest.mjs) and calls `run()`.
 */
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 60_000, reporter: 'spec' });
  // register describe/it on the global object, then load the (bundled) test files
  mocha.suite.emit('pre-require', globalThis, 'extension.test', mocha);
  await import('./extension.test');
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
