// The TypeScript compiler the bundles use, built into its own file (server/out/typescript.js) and
// loaded at its first use (esbuild.mjs, tsLazy). The code only ever uses ts-morph's `ts` export
// (the compiler it ships), so this takes that compiler alone, without ts-morph's project API and
// the TypeScript lib .d.ts texts @ts-morph/common embeds (about 4 MB of source per thread).
module.exports = require('@ts-morph/common/dist/typescript.js');
