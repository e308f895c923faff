// Behaviour of the cors-wildcard and insecure-session-cookie fixes in real Express apps: each case
// as written (before) and as the codemod rewrote it (after) serves real requests on loopback.
//   cors:    an evil origin gets Access-Control-Allow-Origin before the fix and not after; the
//            allowed origin (CORS_ALLOWED_ORIGINS) gets it after;
//   session: the Set-Cookie of the session carries Secure, HttpOnly and SameSite=Lax after the fix
//            (NODE_ENV=production, behind a proxy that says https), and no Secure before.
// usage: node run_express.js <cases dir> <after dir>   (express, cors, express-session through NODE_PATH)
'use strict';
const path = require('node:path');

let failures = 0;
function check(label, cond, detail) {
  console.log(`${cond ? 'ok  ' : 'FAIL'} ${label}${detail ? `: ${detail}` : ''}`);
  if (!cond) failures++;
}

async function serve(file, fn) {
  delete require.cache[require.resolve(file)];
  const app = require(file);
  const server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    return await fn(`http://127.0.0.1:${server.address().port}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

(async () => {
  const [cases, after] = process.argv.slice(2);
  process.env.CORS_ALLOWED_ORIGINS = 'https://app.example.com';
  process.env.SESSION_SECRET = 'behaviour-only-not-a-secret';
  const acao = (base, origin) => fetch(`${base}/api/me`, { headers: { Origin: origin } }).then((r) => r.headers.get('access-control-allow-origin'));
  const evilBefore = await serve(path.join(cases, 'express_cors.js'), (b) => acao(b, 'https://evil.example'));
  const [evilAfter, appAfter] = await serve(path.join(after, 'express_cors.js'), async (b) => [await acao(b, 'https://evil.example'), await acao(b, 'https://app.example.com')]);
  check('express cors: evil origin before the fix', evilBefore === '*', String(evilBefore));
  check('express cors: evil origin after the fix', evilAfter === null, String(evilAfter));
  check('express cors: allowed origin after the fix', appAfter === 'https://app.example.com', String(appAfter));

  process.env.NODE_ENV = 'production';
  const cookie = (base) => fetch(`${base}/login`, { headers: { 'X-Forwarded-Proto': 'https' } }).then((r) => r.headers.get('set-cookie') ?? '');
  const before = await serve(path.join(cases, 'express_session.js'), cookie);
  const fixed = await serve(path.join(after, 'express_session.js'), cookie);
  console.log(`     before: ${before}\n     after:  ${fixed}`);
  check('express-session: no Secure before the fix', before.startsWith('connect.sid=') && !/;\s*Secure/i.test(before));
  check('express-session: Secure after the fix', /;\s*Secure/i.test(fixed));
  check('express-session: HttpOnly after the fix', /;\s*HttpOnly/i.test(fixed));
  check('express-session: SameSite=Lax after the fix', /;\s*SameSite=Lax/i.test(fixed));
  if (failures) {
    console.log(`behaviour (express): ${failures} check(s) failed`);
    process.exit(1);
  }
  console.log('behaviour (express): all checks passed');
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
