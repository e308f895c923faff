import axios from 'axios';
import type { Request, Response } from 'express';

const STRIPE_API = 'https://api.example.com';

export async function getRates(currency: string) {
  const res = await axios.get(`${STRIPE_API}/rates/${currency}`); // expect: request-without-timeout
  return res.data;
}

export async function notify(url: string, payload: unknown) {
  await axios.post(url, payload, { // expect: request-without-timeout
    headers: { 'Content-Type': 'application/json' },
  });
  await axios.put(url, payload); // expect: request-without-timeout
  await axios.delete(url, { headers: { Authorization: 'x' } }); // expect: request-without-timeout
  await axios.post(url); // expect: request-without-timeout
}

export async function raw(req: Request, res: Response) {
  const r = await axios({ method: 'post', url: '/hook', data: req.body }); // expect: request-without-timeout
  const page = await fetch(`https://example.com/${req.params.id}`); // expect: request-without-timeout
  const created = await fetch('https://example.com/items', { // expect: request-without-timeout
    method: 'POST',
    body: JSON.stringify(req.body) // the payload
  });
  res.json({ r: r.data, page: await page.text(), created: created.status });
}

const http = axios.create({ baseURL: STRIPE_API }); // expect: request-without-timeout
const bare = axios.create(); // expect: request-without-timeout

export async function viaInstances() {
  await http.get('/charges');
  await bare.post('/refunds', {});
}

export class Billing {
  private client = axios;
  async ping() {
    return this.client.head('/health'); // expect: request-without-timeout
  }
}
