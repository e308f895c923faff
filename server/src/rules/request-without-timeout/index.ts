import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'request-without-timeout',
  family: 'secrets-auth-config',
  severity: 'warning',
  languages: ['python', 'javascript', 'typescript'],
  fix: { availability: 'sometimes', maxApplicability: 'safe', title: 'Add a timeout to the request' },
  python,
  js,
  docs: `## What it does
Flags outgoing HTTP calls that can wait forever: \`requests\` calls and \`Session\` calls without \`timeout=\`, \`urlopen\` without a timeout, axios calls and instances without \`timeout\`, and \`fetch\` without an abort \`signal\`.

An explicit "no timeout" counts as none: \`timeout=None\` (a literal, or a name whose only value is
\`None\`; a parameter is the caller's value) and axios \`timeout: 0\`.

## Why is this bad?
\`requests\`, \`urllib\`, axios and \`fetch\` have no timeout by default. When the other side stalls
(a payment provider incident, a half-open TCP connection), the worker that made the call hangs
with it. A few stalled calls exhaust a gunicorn or Node worker pool, and the whole service stops
answering, including health checks, which then restart healthy pods in a loop.

What counts, in JavaScript and TypeScript (tracked through imports, \`require\`, aliases and
\`this.x\` members, never by the name alone):
- axios calls \`axios.get/delete/head/options(url, config)\`, \`axios.post/put/patch(url, data, config)\`,
  \`axios.request(config)\`, \`axios(config)\` / \`axios(url, config)\` whose config is missing or an
  object literal without \`timeout\` (or \`signal\`). A config held in a variable or spread from one
  may carry the timeout and is not flagged.
- \`axios.create({...})\` without \`timeout\` is flagged once, at the factory, not at every call
  on the instance: one fix there bounds every request made through it.
  \`instance.defaults.timeout = N\` configures that instance, \`axios.defaults.timeout = N\` every
  axios call in the file.
- \`fetch(url)\` / \`fetch(url, init)\` (the global, \`node-fetch\`, \`undici\`, \`cross-fetch\`)
  without \`signal\` in a literal init. A local function or parameter named \`fetch\` is not fetch.
- Browser code is skipped: a \`.jsx\`/\`.tsx\`/\`.js\` file that renders JSX, or any file with a
  \`'use client'\` directive. There a stalled request leaves a spinner, not a blocked worker.

## Example
\`\`\`python
import requests

def fetch_rates():
    return requests.get("https://api.example.com/rates").json()
\`\`\`

\`\`\`ts
import axios from 'axios';

export const api = axios.create({ baseURL: 'https://api.example.com' });

export async function ping(url: string) {
  return fetch(url, { method: 'HEAD' });
}
\`\`\`

## Use instead
\`\`\`python
import requests

def fetch_rates():
    return requests.get("https://api.example.com/rates", timeout=10).json()
\`\`\`

\`\`\`ts
import axios from 'axios';

export const api = axios.create({ baseURL: 'https://api.example.com', timeout: 10_000 });

export async function ping(url: string) {
  return fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });
}
\`\`\`

## Fix safety
Safe: adding a timeout only changes behaviour for calls that would otherwise hang; those now
raise (\`requests.Timeout\`, \`AbortError\`, \`ECONNABORTED\`) where the code already has to handle
network errors. The default of 10 seconds is a starting point: tune it to the endpoint.
Replacing an explicit \`timeout=None\` / \`timeout: 0\` is unsafe: spelling out "no timeout" may be
deliberate (a long download or export), so the fix is offered one site at a time.
In JavaScript the fix merges \`timeout: 10_000\` into the config argument the method takes
(adding \`undefined\` for a missing \`data\` argument of \`post/put/patch\`), and
\`signal: AbortSignal.timeout(10_000)\` into the \`fetch\` init (Node 17.3 or later).

## How to verify
Point the call at a server that accepts the connection and never answers (\`nc -l 9999\`): the call
now fails after the timeout instead of hanging. \`shipguard scan\` no longer reports the line.

## References
- requests: Timeouts (https://requests.readthedocs.io/en/latest/user/advanced/#timeouts)
- Bandit B113 request_without_timeout
- MDN: AbortSignal.timeout()
`,
});
