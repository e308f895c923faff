import axios from 'axios';
import * as ax from 'axios';

export async function calls(url: string, body: unknown) {
  await axios.get(url, { timeout: 10_000 });
  await axios.get<Rate[]>(url, { timeout: 10_000 });
  await axios.post(url, body, { timeout: 10_000 });
  await axios.patch(url, body, { headers: { 'X-Id': '1' }, timeout: 10_000 });
  await axios.options(url, { timeout: 10_000 });
  await axios.request({ url, method: 'GET', timeout: 10_000 });
  await axios(url); // a lone variable may be the whole config
  await axios("/health", { timeout: 10_000 });
  await ax.default.head(url, { timeout: 10_000 });
  await axios.post(
    url,
    body,
    { timeout: 10_000 },
  );
}

export const client = axios.create({
  baseURL: 'https://api.example.com',
  headers: { Accept: 'application/json' }, // json only
  timeout: 10_000,
});

export const other = axios.create({
  baseURL: 'https://other.example.com', /* no auth */
  timeout: 10_000
});
