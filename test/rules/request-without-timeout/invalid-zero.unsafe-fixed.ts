import axios from 'axios';

// axios reads `timeout: 0` as "no timeout": the default, spelled out
export const erp = axios.create({ baseURL: process.env.ERP_URL, timeout: 10_000 }); // expect: request-without-timeout

export async function exportLedger(month: string) {
  return axios.get(`https://ledger.example.com/export/${month}`, { // expect: request-without-timeout
    responseType: 'stream',
    timeout: 10_000,
  });
}

export async function pushOrder(order: { id: string }) {
  return axios.post('https://erp.example.com/orders', order, { timeout: 10_000 }); // expect: request-without-timeout
}

export async function bounded(url: string) {
  return axios.get(url, { timeout: 5_000 });
}

export async function aborted(url: string, signal: AbortSignal) {
  return axios.get(url, { timeout: 0, signal });
}
