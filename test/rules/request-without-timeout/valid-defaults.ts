// shipguard-test: no-findings
import axios from 'axios';

axios.defaults.timeout = 10_000;

export async function load(url: string) {
  return axios.get(url);
}
