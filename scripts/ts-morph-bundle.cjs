// What the bundles take for `ts-morph`: the code only ever uses its `ts` export (the TypeScript
// compiler it ships), so the bundles load that compiler alone, without ts-morph's project API
// and the TypeScript lib .d.ts texts @ts-morph/common embeds (about 4 MB of source per thread).
exports.ts = require('@ts-morph/common/dist/typescript.js');
