const fetch = require('node-fetch');
const { request } = require('undici');

async function post(url, payload) {
  const a = await fetch(url);
  const b = await fetch(url, {
    method: 'POST',
    body: JSON.stringify(payload),
  });
  const c = await globalThis.fetch(url, {});
  const d = await request(url); // undici.request has its own default timeouts
  return [a, b, c, d];
}

module.exports = { post };
