'use strict';
const ax = require('axios');
const fetch = require('node-fetch');
const { fetch: undiciFetch } = require('undici');

async function sync(orderId) {
  const { data } = await ax.get('https://erp.example.com/orders/' + orderId, { timeout: 10_000 }); // expect: request-without-timeout
  const r = await fetch('https://hooks.example.com', { method: 'POST', signal: AbortSignal.timeout(10_000) }); // expect: request-without-timeout
  const u = await undiciFetch('https://api.example.com/ping', { signal: AbortSignal.timeout(10_000) }); // expect: request-without-timeout
  return ax.request({ url: '/x', method: 'get', timeout: 10_000 }) // expect: request-without-timeout
    .then(() => [data, r, u]);
}

module.exports = { sync };
