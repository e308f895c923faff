/** The endpoint model: name matching, project facts read across files, the settings edit of the DRF fix. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, ready } from '../harness';
import { nameWords, sensitiveMatch, methodsAtRisk } from '../../server/src/lang/endpoints/model';
import { pyProject, drfDefaultThrottles } from '../../server/src/lang/endpoints/python';
import { ratesEdit } from '../../codemods/python/unthrottled-sensitive-endpoint';
import { addDependency } from '../../codemods/js/unthrottled-sensitive-endpoint';
import { applyEdits } from '../../server/src/text/edits';
import { DEFAULT_SENSITIVE_ENDPOINTS } from '../../server/src/engine/config';

const FIXTURES = path.join(ROOT, 'test', 'rules', 'unthrottled-sensitive-endpoint');

before(ready);

describe('endpoint model', () => {
  it('splits identifiers and paths into words', () => {
    assert.deepEqual(nameWords('resetPassword'), ['reset', 'password']);
    assert.deepEqual(nameWords('/auth/reset-password/'), ['auth', 'reset', 'password']);
    assert.deepEqual(nameWords('OTPVerifyView'), ['otp', 'verify', 'view']);
  });

  it('matches sensitive fragments as words, not inside unrelated words', () => {
    const f = DEFAULT_SENSITIVE_ENDPOINTS;
    assert.equal(sensitiveMatch(['forgotpassword'], f), 'password');
    assert.equal(sensitiveMatch(['/accounts/sign-in'], f), 'signin');
    assert.equal(sensitiveMatch(['sign_in'], f), 'signin');
    assert.equal(sensitiveMatch(['/design-info'], f), null);
    assert.equal(sensitiveMatch(['resend_verification'], f), 'verify');
    assert.equal(sensitiveMatch(['uploads'], f), 'upload');
    assert.equal(sensitiveMatch(['preset'], f), null);
    assert.equal(sensitiveMatch(['tokenize_text'], f), 'token');
    assert.equal(sensitiveMatch(['dashboard', '/reports'], f), null);
    assert.equal(sensitiveMatch(['edit_subscriber_email', '/subscriber/<subscriber_id>/email/edit'], f), null, 'the subscriber is a person, not the act');
    assert.equal(sensitiveMatch(['subscribe_to_plan'], f), 'subscribe');
    assert.equal(sensitiveMatch(['LoginView'], ['signin']), null, 'the configured list replaces the default');
  });

  it('only mutating methods are at risk, except for costly reads', () => {
    assert.equal(methodsAtRisk(['GET'], 'login'), false);
    assert.equal(methodsAtRisk(['GET'], 'export'), true);
    assert.equal(methodsAtRisk(['*'], 'login'), true);
  });

  it('reads DRF defaults from split settings and routes from urls modules', () => {
    const p = pyProject(path.join(FIXTURES, 'invalid-drf-split', 'api', 'views.py'))!;
    assert.ok(p);
    assert.deepEqual(drfDefaultThrottles(p), ['rest_framework.throttling.AnonRateThrottle', 'rest_framework.throttling.UserRateThrottle']);
    assert.equal(path.basename(p.settingsFile!), 'base.py');
    assert.deepEqual(p.routes.get('SessionView'), ['auth/login/']);
    assert.deepEqual(p.routes.get('AccountViewSet'), ['signup']);
  });

  it('finds a flask-limiter instance made in an extensions module', () => {
    const p = pyProject(path.join(FIXTURES, 'invalid-flask-ext', 'app', 'auth', 'routes.py'))!;
    assert.deepEqual(p.limiters.map((l) => [path.basename(l.file), l.name, l.defaults]), [['extensions.py', 'limiter', false]]);
    const d = pyProject(path.join(FIXTURES, 'valid-flask-defaults', 'app', 'auth', 'views.py'))!;
    assert.equal(d.flaskDefaults, true);
  });

  it('the DRF settings edit merges into the rates dict, or creates what is missing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-endpoints-'));
    try {
      fs.writeFileSync(path.join(dir, 'manage.py'), '');
      const cases: Array<[string, string]> = [
        ['REST_FRAMEWORK = {\n    "DEFAULT_THROTTLE_RATES": {"anon": "100/hour"},\n}\n', 'REST_FRAMEWORK = {\n    "DEFAULT_THROTTLE_RATES": {"anon": "100/hour", "login": "5/min"},\n}\n'],
        ['REST_FRAMEWORK = {\n    "PAGE_SIZE": 50,\n}\n', 'REST_FRAMEWORK = {\n    "PAGE_SIZE": 50,\n    "DEFAULT_THROTTLE_RATES": {"login": "5/min"},\n}\n'],
        ['DEBUG = False\n', 'DEBUG = False\n\nREST_FRAMEWORK = {\n    "DEFAULT_THROTTLE_RATES": {"login": "5/min"},\n}\n'],
      ];
      for (const [i, [before, after]] of cases.entries()) {
        const settings = path.join(dir, `settings${i}`, 'settings.py');
        fs.mkdirSync(path.dirname(settings));
        fs.writeFileSync(path.join(path.dirname(settings), 'manage.py'), '');
        fs.writeFileSync(settings, before);
        const p = pyProject(path.join(path.dirname(settings), 'views.py'))!;
        const edit = ratesEdit(settings, 'login', p);
        assert.ok(edit, `case ${i} gives an edit`);
        assert.equal(applyEdits(before, [edit]), after, `case ${i}`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the Express fix adds express-rate-limit to package.json in alphabetical place, or creates dependencies', () => {
    const cases: Array<[string, string]> = [
      ['{\n  "name": "x",\n  "dependencies": {\n    "express": "^4.21.2",\n    "zod": "^3.0.0"\n  }\n}\n', '{\n  "name": "x",\n  "dependencies": {\n    "express": "^4.21.2",\n    "express-rate-limit": "^7.5.0",\n    "zod": "^3.0.0"\n  }\n}\n'],
      ['{\n  "name": "x",\n  "dependencies": {\n    "express": "^4.21.2"\n  }\n}\n', '{\n  "name": "x",\n  "dependencies": {\n    "express": "^4.21.2",\n    "express-rate-limit": "^7.5.0"\n  }\n}\n'],
      ['{\n  "name": "x"\n}\n', '{\n  "name": "x",\n  "dependencies": {\n    "express-rate-limit": "^7.5.0"\n  }\n}\n'],
    ];
    for (const [before, after] of cases) {
      const out = applyEdits(before, [addDependency(before, 'express-rate-limit', '^7.5.0')!]);
      assert.equal(out, after);
      assert.doesNotThrow(() => JSON.parse(out));
    }
  });
});
