import axios from 'axios';
import * as ax from 'axios';

export async function calls(url: string, body: unknown) {
  await axios.get(url);
  await axios.get<Rate[]>(url, {});
  await axios.post(url, body);
  await axios.patch(url, body, { headers: { 'X-Id': '1' } });
  await axios.options(url, undefined);
  await axios.request({ url, method: 'GET' });
  await axios(url); // a lone variable may be the whole config
  await axios("/health");
  await ax.default.head(url);
  await axios.post(
    url,
    body,
  );
}

export const client = axios.create({
  baseURL: 'https://api.example.com',
  headers: { Accept: 'application/json' }, // json only
});

export const other = axios.create({
  baseURL: 'https://other.example.com' /* no auth */
});
