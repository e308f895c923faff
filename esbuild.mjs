// Bundles the client (vscode external), the server and the CLI (fully bundled),
// and copies the tree-sitter wasm files beside the server bundle.
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const copyWasm = {
  name: 'copy-wasm',
  setup(build) {
    build.onEnd(() => {
      const out = path.resolve('server/out');
      fs.mkdirSync(out, { recursive: true });
      for (const [pkg, file] of [
        ['web-tree-sitter/tree-sitter.wasm', 'tree-sitter.wasm'],
        ['tree-sitter-python/tree-sitter-python.wasm', 'tree-sitter-python.wasm'],
      ]) {
        fs.copyFileSync(require.resolve(pkg), path.join(out, file));
      }
    });
  },
};

const report = {
  name: 'report',
  setup(build) {
    build.onEnd((result) => {
      for (const e of result.errors) console.error(`✘ ${e.text}${e.location ? ` (${e.location.file}:${e.location.line})` : ''}`);
      if (watch) console.log(`[watch] build finished (${result.errors.length} errors)`);
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // optional dependencies of bundled libraries that are never loaded at run time
  external: ['vscode', '@babel/preset-flow', 'flow-parser'],
  // A CommonJS bundle must take web-tree-sitter's CommonJS build: its ESM build reads
  // import.meta.url and shadows `require` with createRequire(), which breaks once bundled.
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
};

const contexts = await Promise.all([
  esbuild.context({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', plugins: [report] }),
  esbuild.context({ ...common, entryPoints: { server: 'server/src/server.ts', cli: 'server/src/cli/main.ts', worker: 'server/src/engine/worker.ts' }, outdir: 'server/out', plugins: [copyWasm, report] }),
]);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  const results = await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (results.some((r) => r.errors.length)) process.exit(1);
}
