// SQL injection before and after the sql-string-format codemod, JavaScript drivers.
//   node run_sql.js <before dir> <after dir>      (SQLITE_PATH: the shop database run_sql.py made; PG*: the server)
// users_pg.js (node-postgres, `$1`) runs against PostgreSQL, users_mysql.js (mysql2, `?`) against sqlite3.
// node-postgres is used when it resolves from the repository; otherwise, like mysql2 (which has no server
// here), its `query(text, values)` goes through sql_bridge.py: the text and values reach the database
// as they left the module (pg: a prepared statement and its parameters, as pg's extended protocol sends them).
'use strict';
const Module = require('node:module');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const PAYLOAD = "' OR 1=1 --";

function bridge(engine, sql, params) {
  const r = spawnSync('/usr/bin/python3', [path.join(__dirname, 'sql_bridge.py')], { input: JSON.stringify({ engine, sql, params: params ?? [] }), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sql_bridge.py failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout);
  if (out.error) throw new Error(out.error);
  return out.rows;
}

let realPg = null;
try {
  realPg = require.resolve('pg', { paths: [ROOT, ...(process.env.PG_PATH ? [process.env.PG_PATH] : [])] });
} catch {
  realPg = null;
}
const drivers = {
  pg: realPg
    ? require(realPg)
    : {
        Pool: class Pool {
          async query(text, values) {
            return { rows: bridge('postgres', text, values) };
          }
          async end() {}
        },
      },
  'mysql2/promise': {
    createPool: () => ({
      async query(sql, values) {
        return [bridge('sqlite', sql, values), []];
      },
      async execute(sql, values) {
        return [bridge('sqlite', sql, values), []];
      },
      async end() {},
    }),
  },
};
const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (Object.prototype.hasOwnProperty.call(drivers, request)) return drivers[request];
  return originalLoad.call(this, request, parent, isMain);
};

let failures = 0;
function check(label, cond, detail) {
  console.log(`  ${cond ? 'ok  ' : 'FAIL'} ${label}${!cond && detail ? `: ${detail}` : ''}`);
  if (!cond) failures++;
}

async function attempt(fn, value) {
  try {
    return (await fn(value)).map((r) => Object.values(r));
  } catch (e) {
    return `${e.message.split('\n')[0]}`;
  }
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const sorted = (rows) => (Array.isArray(rows) ? [...rows].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))) : rows);

const ALL_CUSTOMERS = [[1, 'ada@example.com'], [2, 'linus@example.com'], [3, 'grace@example.com'], [4, 'obrien@example.com']];
const CASES = {
  'users_pg.js': [
    ['findCustomer', 'Grace', [[3, 'grace@example.com']], ALL_CUSTOMERS],
    ['ordersOf', 'ada@example.com', [[10], [11]], [[10], [11], [12], [13]]],
    ['searchProducts', 'PEN', [[2, 'Fountain pen']], [[1, 'Blue mug'], [2, 'Fountain pen'], [3, 'Standing desk']]],
  ],
  'users_mysql.js': [
    ['findCustomer', 'Grace', [[3, 'grace@example.com']], ALL_CUSTOMERS],
    ['customersIn', 'FI', [[2, 'Linus']], [[1, 'Ada'], [2, 'Linus'], [3, 'Grace'], [4, "O'Brien"]]],
    ['ordersWithStatus', 'paid', [[10, 4200], [12, 15000]], [[10, 4200], [11, 990], [12, 15000], [13, 700]]],
  ],
};

(async () => {
  const [beforeDir, afterDir] = process.argv.slice(2);
  console.log(`node-postgres: ${realPg ? `the npm package (${realPg})` : 'not installed: PostgreSQL through sql_bridge.py'}; mysql2: sqlite3 through sql_bridge.py`);
  for (const [file, cases] of Object.entries(CASES)) {
    const before = require(path.resolve(beforeDir, file));
    const after = require(path.resolve(afterDir, file));
    const engine = file === 'users_pg.js' ? 'PostgreSQL' : 'sqlite3';
    for (const [fn, benign, rows, revealed] of cases) {
      const bOk = await attempt(before[fn], benign);
      const aOk = await attempt(after[fn], benign);
      const bBad = await attempt(before[fn], PAYLOAD);
      const aBad = await attempt(after[fn], PAYLOAD);
      console.log(`${file} (${engine}) ${fn}(${JSON.stringify(benign)}): before ${JSON.stringify(bOk)}, after ${JSON.stringify(aOk)}; (${JSON.stringify(PAYLOAD)}): before ${JSON.stringify(bBad)}, after ${JSON.stringify(aBad)}`);
      check(`${file} ${fn}: benign value, the same rows before and after the fix`, same(bOk, rows) && same(aOk, rows), `want ${JSON.stringify(rows)}`);
      check(`${file} ${fn}: the injection returns every row before the fix`, same(sorted(bBad), sorted(revealed)), `want ${JSON.stringify(revealed)}`);
      check(`${file} ${fn}: the injection returns no row after the fix`, same(aBad, []), `got ${JSON.stringify(aBad)}`);
    }
    await before.pool?.end?.();
    await after.pool?.end?.();
  }
  if (failures) {
    console.log(`sql (js): ${failures} check(s) failed`);
    process.exit(1);
  }
  console.log('sql (js): the injection returns every row before the fix and none after it; benign values return the same rows');
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
