import axios, { type AxiosRequestConfig } from 'axios';

const api = axios.create({ baseURL: '/api', timeout: 5000 });
const legacy = axios.create({ baseURL: '/legacy' });
legacy.defaults.timeout = 8000;

export async function calls(url: string, cfg: AxiosRequestConfig, init: RequestInit) {
  await axios.get(url, { timeout: 1000 });
  await axios.get(url, cfg);
  await axios.post(url, {}, { ...cfg });
  await axios(cfg);
  await api.get(url);
  await legacy.get(url);
  await fetch(url, init);
  await fetch(url, { signal: AbortSignal.timeout(1000) });
  await fetch(new Request(url));
}
