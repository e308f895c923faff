const fetch = require('node-fetch');
const { request } = require('undici');

async function post(url, payload) {
  const a = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const b = await fetch(url, {
    method: 'POST',
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(10_000),
  });
  const c = await globalThis.fetch(url, { signal: AbortSignal.timeout(10_000) });
  const d = await request(url); // undici.request has its own default timeouts
  return [a, b, c, d];
}

module.exports = { post };
