/**
 * The rules' textual prefilters must be sound: a name bound in another module
 * of the project still reaches the detector even though the file itself never
 * names the library.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ready, lintText } from '../harness';

function write(root: string, rel: string, text: string): string {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
}

describe('prefilters and cross-file names', () => {
  before(ready);

  it('Python: a requests Session and a Stripe getter imported from project modules', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-prefilter-'));
    write(root, 'app/__init__.py', '');
    write(root, 'app/http.py', 'import requests\n\nsession = requests.Session()\n');
    write(root, 'app/billing.py', 'import stripe as _s\n\ndef get_payments():\n    return _s\n');
    const use = write(root, 'app/views.py', 'from .http import session\nfrom .billing import get_payments\n\ndef sync(order):\n    session.get("https://api.example.com/rates")\n    get_payments().PaymentIntent.create(amount=order.total)\n');
    const res = lintText(use, fs.readFileSync(use, 'utf8'));
    assert.deepEqual(res.findings.map((f) => f.ruleId).sort(), ['request-without-timeout', 'stripe-idempotency-key']);
  });

  it('Python: a Session re-exported through two modules, and a local from an imported getter', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-prefilter-'));
    write(root, 'app/__init__.py', '');
    write(root, 'app/net/__init__.py', '');
    write(root, 'app/net/base.py', 'import requests\n\ndef make_session():\n    return requests.Session()\n\nshared = requests.Session()\n');
    write(root, 'app/net/clients.py', 'from .base import shared, make_session\n');
    const use = write(
      root,
      'app/sync.py',
      'from .net.clients import shared, make_session\n\ndef pull(url):\n    shared.get(url)\n\ndef push(url, data):\n    s = make_session()\n    s.post(url, json=data)\n    data.get("id")\n',
    );
    const res = lintText(use, fs.readFileSync(use, 'utf8'), { only: ['request-without-timeout'] });
    assert.deepEqual(res.findings.map((f) => f.ruleId), ['request-without-timeout', 'request-without-timeout']);
  });

  it('JS: an axios default export of a project module', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-prefilter-'));
    write(root, 'package.json', '{}');
    write(root, 'src/http.ts', 'import axios from "axios";\nexport default axios;\n');
    const use = write(root, 'src/rates.ts', 'import http from "./http";\nexport async function rates() {\n  return http.get("https://api.example.com/rates");\n}\n');
    const res = lintText(use, fs.readFileSync(use, 'utf8'));
    assert.deepEqual(res.findings.map((f) => f.ruleId), ['request-without-timeout']);
  });
});
