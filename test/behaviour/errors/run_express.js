// Behaviour of the error-details-in-response fix in a real Express app: the handler as
// written (before) and as the codemod rewrote it (after) serve one request each; the
// response body, status and what the handler logged are compared.
// usage: node run_express.js <before.js> <after.js>   (express resolvable through NODE_PATH)
'use strict';
const util = require('node:util');

const SECRET = 'FAKE-sk-9f8e7d6c5b4a';
let failures = 0;
function check(label, cond, detail) {
  console.log(`  ${cond ? 'ok  ' : 'FAIL'} ${label}${!cond && detail ? `: ${detail}` : ''}`);
  if (!cond) failures++;
}

async function serve(file) {
  const logged = [];
  const original = console.error;
  console.error = (...args) => logged.push(util.format(...args));
  try {
    delete require.cache[require.resolve(file)];
    const app = require(file);
    const server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const { port } = server.address();
    const r = await fetch(`http://127.0.0.1:${port}/invoices/1`);
    const body = await r.text();
    await new Promise((resolve) => server.close(resolve));
    return { status: r.status, body, log: logged.join('\n') };
  } finally {
    console.error = original;
  }
}

(async () => {
  const [before, after] = process.argv.slice(2);
  const b = await serve(before);
  const a = await serve(after);
  console.log(`Express handler:\n  before: ${b.status} ${b.body}\n  after:  ${a.status} ${a.body}`);
  check('Express handler: the body leaks the secret before the fix', b.body.includes(SECRET));
  check('Express handler: the body is generic after the fix', !a.body.includes(SECRET), a.body);
  check('Express handler: the status is unchanged', a.status === b.status, `${b.status} -> ${a.status}`);
  check('Express handler: the request id is still answered', JSON.parse(a.body).requestId === 'req-1', a.body);
  check('Express handler: the captured log holds the stack after the fix', a.log.includes(SECRET) && /\n\s+at /.test(a.log), a.log.slice(0, 300));
  if (failures) {
    console.log(`behaviour (express): ${failures} check(s) failed`);
    process.exit(1);
  }
  console.log('behaviour (express): all checks passed');
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
