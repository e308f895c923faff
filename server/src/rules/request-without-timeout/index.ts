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

## Why is this bad?
\`requests\`, \`urllib\`, axios and \`fetch\` have no timeout by default. When the other side stalls
(a payment provider incident, a half-open TCP connection), the worker that made the call hangs
with it. A few stalled calls exhaust a gunicorn or Node worker pool, and the whole service stops
answering, including health checks, which then restart healthy pods in a loop.

## Example
\`\`\`python
import requests

def fetch_rates():
    return requests.get("https://api.example.com/rates").json()
\`\`\`

## Use instead
\`\`\`python
import requests

def fetch_rates():
    return requests.get("https://api.example.com/rates", timeout=10).json()
\`\`\`

In JavaScript: \`axios.get(url, { timeout: 10_000 })\`, \`axios.create({ baseURL, timeout: 10_000 })\`,
\`fetch(url, { signal: AbortSignal.timeout(10_000) })\`.

## Fix safety
Safe: adding a timeout only changes behaviour for calls that would otherwise hang; those now
raise (\`requests.Timeout\`, \`AbortError\`, \`ECONNABORTED\`) where the code already has to handle
network errors. The default of 10 seconds is a starting point: tune it to the endpoint.

## How to verify
Point the call at a server that accepts the connection and never answers (\`nc -l 9999\`): the call
now fails after the timeout instead of hanging. \`shipguard scan\` no longer reports the line.

## References
- requests: Timeouts (https://requests.readthedocs.io/en/latest/user/advanced/#timeouts)
- Bandit B113 request_without_timeout
- MDN: AbortSignal.timeout()
`,
});
