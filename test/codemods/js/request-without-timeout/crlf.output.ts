import axios from 'axios';

export const api = axios.create({
  baseURL: process.env.API_URL,
  timeout: 10_000,
});

export function load(id: string) {
  return fetch(`/items/${id}`, { signal: AbortSignal.timeout(10_000) });
}
