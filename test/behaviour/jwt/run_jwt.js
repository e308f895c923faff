// JWT forgery, before and after the jwt-unverified codemod (jsonwebtoken from npm).
// usage: node run_jwt.js <before.js> <after.js>
'use strict';
const path = require('node:path');

process.env.JWT_SIGNING_KEY = 'behaviour-signing-key-0123456789abcdef';
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'admin' })}.`;
const [before, after] = process.argv.slice(2).map((p) => path.resolve(p));
const jwt = require(require.resolve('jsonwebtoken', { paths: [path.dirname(before)] }));
const otherKey = jwt.sign({ sub: 'admin' }, 'attacker-key-0123456789abcdef0123', { algorithm: 'HS256' });

function accepts(mod, token) {
  try {
    return mod.authenticate({ headers: { authorization: `Bearer ${token}` } });
  } catch {
    return null;
  }
}

const failures = [];
for (const [label, file, forgedOk] of [['before', before, true], ['after', after, false]]) {
  const mod = require(file);
  const got = { valid: accepts(mod, mod.issue('42')), 'alg none': accepts(mod, unsigned), 'other key': accepts(mod, otherKey) };
  console.log(`${label}: valid token -> ${got.valid}, alg none -> ${got['alg none']}, other key -> ${got['other key']}`);
  if (got.valid !== '42') failures.push(`${label}: a valid token was refused`);
  for (const forged of ['alg none', 'other key']) {
    if ((got[forged] === 'admin') !== forgedOk) failures.push(`${label}: the ${forged} token was ${forgedOk ? 'refused' : 'accepted'}`);
  }
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log('jwt (jsonwebtoken): forged tokens pass before the fix and are refused after it; valid tokens pass');
