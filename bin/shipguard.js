#!/usr/bin/env node
'use strict';
// The `shipguard` command: the bundled CLI (npm run build creates it), loaded through the V8
// code cache of server/out/code-cache.js (compiling the 4 MB bundle and the TypeScript compiler
// is most of a cold one-file run; see server/src/code-cache.ts). SHIPGUARD_NO_CODE_CACHE=1
// loads the bundle plainly.
const path = require('node:path');
const fs = require('node:fs');
const out = path.join(__dirname, '..', 'server', 'out');
const cli = path.join(out, 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('shipguard: the CLI bundle is missing (server/out/cli.js); run `npm run build` first\n');
  process.exit(2);
}

const cache = require(path.join(out, 'code-cache.js'));
if (!cache.codeCacheUsable()) require(cli);
else {
  // the bundle's lazily loaded parts (the TypeScript compiler) come through the cache too
  cache.cacheLazyLoads('exit');
  cache.loadWithCodeCache(cli, 'exit', module);
}
