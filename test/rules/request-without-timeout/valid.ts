// shipguard-test: no-findings
import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { HttpService } from '@nestjs/axios';

const api = axios.create({ baseURL: 'https://api.example.com', timeout: 5000 });
const legacy = axios.create({ baseURL: 'https://legacy.example.com' });
legacy.defaults.timeout = 8000;
const shared = axios.create(sharedConfig());

function sharedConfig(): AxiosRequestConfig {
  return { timeout: 3000 };
}

export async function calls(url: string, cfg: AxiosRequestConfig, opts: RequestInit) {
  await axios.get(url, { timeout: 2000 });
  await axios.post(url, {}, { timeout: 2000 });
  await axios.get(url, cfg); // a config variable may carry the timeout
  await axios.get(url, { ...cfg, params: { a: 1 } });
  await axios.get(url, { signal: AbortSignal.timeout(2000) });
  await axios({ url, timeout: 1000 });
  await axios(cfg);
  await api.get('/x');
  await legacy.get('/y');
  await shared.get('/z');
  await fetch(url, { signal: AbortSignal.timeout(5000) });
  await fetch(url, opts);
  await fetch(url, { ...opts, method: 'POST' });
  await fetch(new Request(url));
  axios.isAxiosError(new Error('x'));
}

export async function typed(client: AxiosInstance, http: HttpService) {
  await client.get('/instance-from-elsewhere');
  http.get('/nest');
}

export function local() {
  const fetch = (u: string) => Promise.resolve(u);
  return fetch('not-the-global');
}

const timeout = 1000;
export const short = () => axios.get('/x', { timeout });
