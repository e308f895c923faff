import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { CHECKS } from '../../../server/src/checks';
import { runProjectChecks } from '../../../server/src/checks/run';
import type { ProjectCheck } from '../../../server/src/engine/project';
import { ROOT } from '../../harness';
import { dirContext, workspace } from './helpers';

describe('project-level checks', () => {
  it('examples/ shows exactly the gaps its README lists', async function () {
    this.timeout(60_000);
    const results = await runProjectChecks(dirContext(path.join(ROOT, 'examples')), CHECKS);
    assert.deepEqual(results.filter((r) => r.error), []);
    const got = results.flatMap((r) => r.findings.map((f) => `${f.check} ${f.file}:${f.line}`)).sort();
    assert.deepEqual(got, [
      'django-deploy-settings django-shop/shop/settings.py:1',
      'no-error-tracking django-shop/shop/settings.py:18',
      'no-global-rate-limit django-shop/shop/settings.py:88',
      'no-global-rate-limit express-store/src/server.ts:15',
      'no-request-id django-shop/shop/settings.py:32',
      'no-request-id express-store/src/server.ts:15',
      'no-request-id flask-billing/app.py:21',
    ]);
  });

  it('every check has an id, a title and docs with the four headings', () => {
    const ids = new Set<string>();
    for (const c of CHECKS) {
      assert.ok(!ids.has(c.id), c.id);
      ids.add(c.id);
      assert.ok(c.title.length > 5);
      for (const h of ['## What it checks', '## Why it matters', '## How to fix', '## How to verify']) assert.ok(c.docs.includes(h), `${c.id}: ${h}`);
    }
  });

  it('runProjectChecks reports a throwing check as an error entry and runs the others', async () => {
    const boom: ProjectCheck = { id: 'boom', title: 'Throws', family: 'meta', severity: 'medium', docs: '', run: () => { throw new Error('kaboom'); } };
    const ok: ProjectCheck = { id: 'ok', title: 'Finds one', family: 'meta', severity: 'medium', docs: '', run: (ctx) => [{ check: 'ok', message: `${ctx.files.length} files` }] };
    const r = await runProjectChecks(workspace({ 'a.txt': 'x' }), [boom, ok]);
    assert.deepEqual(r.map((x) => [x.check, x.error ?? null, x.findings.map((f) => f.message)]), [['boom', 'kaboom', []], ['ok', null, ['1 files']]]);
  });

  it('no check throws on unreadable, binary, broken or CRLF files', async () => {
    const ctx = workspace({
      'manage.py': '',
      'requirements.txt': 'Django\r\ndjangorestframework\r\n',
      'shop/settings.py': 'INSTALLED_APPS = [\r\n  "rest_framework",\r\n]\r\nROOT_URLCONF = "shop.urls"\r\n',
      'shop/urls.py': 'urlpatterns = [path("api/", include(\n',
      '.do/app.yaml': '\u0000\u0001binary',
      'docker-compose.yml': 'services:\n  db:\n    image: [postgres\n',
      'web/package.json': '{not json',
      'web/src/a.ts': '🎉 fetch(`/api/${',
    });
    const real = ctx.read;
    ctx.read = (f) => (f === 'web/src/a.ts' ? undefined : real(f));
    const r = await runProjectChecks(ctx, CHECKS);
    assert.deepEqual(r.filter((x) => x.error).map((x) => `${x.check}: ${x.error}`), []);
  });
});
