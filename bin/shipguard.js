#!/usr/bin/env node
'use strict';
// The `shipguard` command: the bundled CLI (npm run build creates it).
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'server', 'out', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('shipguard: the CLI bundle is missing (server/out/cli.js); run `npm run build` first\n');
  process.exit(2);
}
require(cli);
