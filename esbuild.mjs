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

/**
 * Every character of a bundle must fit in one byte: V8 holds a script's source as a string for
 * the script's life, and a single character above U+00FF (esbuild leaves regex literals as
 * written) makes the whole 17 MB source a two-byte string, in every worker thread: 34 MB each.
 */
const oneByteSource = {
  name: 'one-byte-source',
  setup(build) {
    build.onEnd((result) => {
      for (const file of Object.keys(result.metafile?.outputs ?? {})) {
        if (!file.endsWith('.js')) continue;
        const text = fs.readFileSync(file, 'utf8');
        for (let i = 0; i < text.length; i++) {
          if (text.charCodeAt(i) <= 0xff) continue;
          const line = text.slice(0, i).split('\n').length;
          result.errors.push({ text: `${file}:${line}: U+${text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')} in the bundle (write it as an escape): ${text.slice(Math.max(0, i - 60), i + 20).replace(/\s+/g, ' ')}` });
          break;
        }
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

/**
 * The TypeScript compiler is 10 MB of the 14 MB a bundle would hold, and a Python scan never
 * calls it. So the bundles take, for `ts-morph`, a small stand-in (`tsLazy`): the compiler's
 * enumerations (`ts.SyntaxKind` and the like, which rules read when their modules load), copied
 * at build time, and for every other export a getter that loads the compiler from its own file,
 * `server/out/typescript.js`, at its first use, then replaces the getters with the compiler's own
 * values (plain data properties from then on, as fast as the compiler's exports).
 */
const TS_FILE = 'typescript.js';
const tsLazy = {
  name: 'ts-lazy',
  setup(build) {
    build.onResolve({ filter: /^ts-morph$/ }, () => ({ path: 'ts-morph', namespace: 'ts-lazy' }));
    build.onLoad({ filter: /.*/, namespace: 'ts-lazy' }, () => {
      const real = require('@ts-morph/common/dist/typescript.js');
      const keys = Object.keys(real);
      const enums = {};
      for (const k of keys) {
        const v = real[k];
        if (v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'number' || typeof x === 'string') && Object.keys(v).length) enums[k] = v;
      }
      const contents = `'use strict';
const path = require('node:path');
const enums = ${JSON.stringify(enums)};
const keys = ${JSON.stringify(keys)};
const ts = {};
let real = null;
function load() {
  if (real) return real;
  const file = path.join(__dirname, ${JSON.stringify(TS_FILE)});
  // the command and the scan workers load it through the V8 code cache (server/src/code-cache.ts); else a plain require
  const viaCache = globalThis.__shipguardLoadModule;
  real = viaCache ? viaCache(file) : require(file);
  for (const k of Object.keys(real)) Object.defineProperty(ts, k, { value: real[k], writable: true, enumerable: true, configurable: true });
  return real;
}
for (const k of keys) {
  if (Object.prototype.hasOwnProperty.call(enums, k)) ts[k] = enums[k];
  else Object.defineProperty(ts, k, { get() { return load()[k]; }, enumerable: true, configurable: true });
}
exports.ts = ts;
`;
      return { contents, loader: 'js', resolveDir: process.cwd() };
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
  // The code uses ts-morph only for its `ts` export: the bundles take that compiler alone, in
  // its own file, loaded when first used (see tsLazy).
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
};

const contexts = await Promise.all([
  esbuild.context({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', plugins: [report] }),
  esbuild.context({ ...common, entryPoints: { server: 'server/src/server.ts', cli: 'server/src/cli/main.ts', worker: 'server/src/worker.ts', 'code-cache': 'server/src/code-cache.ts' }, outdir: 'server/out', metafile: true, plugins: [tsLazy, copyWasm, oneByteSource, report] }),
  esbuild.context({ ...common, entryPoints: { typescript: 'scripts/ts-morph-bundle.cjs' }, outdir: 'server/out', metafile: true, plugins: [oneByteSource, report] }),
]);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  const results = await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (results.some((r) => r.errors.length)) process.exit(1);
}
