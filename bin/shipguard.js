#!/usr/bin/env node
'use strict';
// The `shipguard` command: the bundled CLI (npm run build creates it).
//
// The bundle is 13 MB: compiling it is most of a cold one-file run. So it runs through a V8
// code cache: the first run compiles it as usual and, on exit, writes what V8 compiled (the
// functions that run did, too) to a cache file; later runs hand that to V8 and skip the
// compilation. The cache file is named after the bundle's size and mtime (a rebuild gets a new
// one) and V8 rejects data that does not match the source; it is written atomically (a temp
// file renamed) beside the bundle, or in the temp directory when that folder is read-only.
// SHIPGUARD_NO_CODE_CACHE=1 loads the bundle plainly.
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'server', 'out', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('shipguard: the CLI bundle is missing (server/out/cli.js); run `npm run build` first\n');
  process.exit(2);
}

function cacheFiles(file, stat) {
  const name = `${path.basename(file)}.${stat.size}-${Math.floor(stat.mtimeMs)}.v8cache`;
  const os = require('node:os');
  let user = 'user';
  try {
    user = String(os.userInfo().uid);
  } catch {
    // no user info: one shared name
  }
  return [path.join(path.dirname(file), name), path.join(os.tmpdir(), `shipguard-${user}`, name)];
}

function writeAtomic(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
    return true;
  } catch {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // nothing written
    }
    return false;
  }
}

/** Runs a CommonJS file through the V8 code cache (compiled once, then loaded from the cache); its exports. */
function loadWithCodeCache(file) {
  const vm = require('node:vm');
  const Module = require('node:module');
  const stat = fs.statSync(file);
  const files = cacheFiles(file, stat);
  let cachedData;
  for (const f of files) {
    try {
      cachedData = fs.readFileSync(f);
      break;
    } catch {
      // not there: try the next place
    }
  }
  const source = fs.readFileSync(file, 'utf8');
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    cachedData,
  });
  if (!cachedData || script.cachedDataRejected) {
    // written at exit, so the functions this run compiled are in it too
    process.once('exit', () => {
      try {
        const data = script.createCachedData();
        const stale = new RegExp(`^${path.basename(file).replace(/\./g, '\\.')}\\..*\\.v8cache$`);
        for (const f of files) {
          if (!writeAtomic(f, data)) continue;
          // the caches of earlier builds are dead weight
          for (const old of fs.readdirSync(path.dirname(f))) {
            if (stale.test(old) && old !== path.basename(f)) fs.rmSync(path.join(path.dirname(f), old), { force: true });
          }
          break;
        }
      } catch {
        // no cache this time: the next run compiles again
      }
    });
  }
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  const req = Module.createRequire(file);
  req.main = require.main;
  script.runInThisContext()(mod.exports, req, mod, file, path.dirname(file));
  mod.loaded = true;
  return mod.exports;
}

if (process.env.SHIPGUARD_NO_CODE_CACHE === '1' || typeof require('node:vm').Script.prototype.createCachedData !== 'function') require(cli);
else {
  // the bundle's lazily loaded parts (the TypeScript compiler) come through the cache too
  const loaded = new Map();
  globalThis.__shipguardLoadModule = (file) => {
    if (!loaded.has(file)) loaded.set(file, loadWithCodeCache(file));
    return loaded.get(file);
  };
  loadWithCodeCache(cli);
}
