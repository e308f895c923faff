import * as assert from 'node:assert/strict';
import { errorTracking } from '../../../server/src/checks/error-tracking';
import { globalRateLimit } from '../../../server/src/checks/global-rate-limit';
import { healthEndpoint } from '../../../server/src/checks/health-endpoint';
import { requestId } from '../../../server/src/checks/request-id';
import { run, where } from './helpers';

const FLASK = (extra = '') => ({
  'requirements.txt': 'Flask>=3.0\ngunicorn\n',
  'app.py': `import os\nfrom flask import Flask, jsonify\n\napp = Flask(__name__)\n${extra}\n\n@app.get("/api/orders")\ndef orders():\n    return jsonify([])\n`,
});

const EXPRESS = (server: string, deps = '') => ({
  'package.json': `{"name":"api","dependencies":{"express":"^4.19.2"${deps}}}`,
  'src/server.ts': `import express from "express";\n\nconst app = express();\n${server}\napp.get("/api/orders", (_req, res) => res.json([]));\napp.listen(3000);\n`,
});

const DJANGO = (settings: string, urls = 'urlpatterns = [path("api/", include("shop.api"))]\n', reqs = '') => ({
  'manage.py': 'import os\n',
  'requirements.txt': `Django>=4.2\ndjangorestframework\n${reqs}`,
  'config/__init__.py': '',
  'config/settings.py': `INSTALLED_APPS = ["django.contrib.sessions", "rest_framework"]\nMIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    "django.contrib.sessions.middleware.SessionMiddleware",\n]\nROOT_URLCONF = "config.urls"\n${settings}`,
  'config/urls.py': `from django.urls import include, path\n${urls}`,
});

describe('check no-health-endpoint', () => {
  it('reports a Flask app without one, on its Flask(...) line', async () => {
    assert.deepEqual(where(await run(healthEndpoint, FLASK())), ['app.py:4']);
  });
  it('reports an Express app without one', async () => {
    assert.deepEqual(where(await run(healthEndpoint, EXPRESS(''))), ['src/server.ts:3']);
  });
  it('is silent with a /health, /healthz/ or /api/v1/ping route, or django-health-check / terminus', async () => {
    assert.deepEqual(await run(healthEndpoint, FLASK('@app.route("/health")\ndef health():\n    return "ok"\n')), []);
    assert.deepEqual(await run(healthEndpoint, EXPRESS('app.get("/api/v1/ping", (_req, res) => res.send("pong"));')), []);
    assert.deepEqual(await run(healthEndpoint, DJANGO('', 'urlpatterns = [path("healthz/", lambda r: None)]\n')), []);
    assert.deepEqual(await run(healthEndpoint, DJANGO('', undefined, 'django-health-check\n')), []);
    assert.deepEqual(await run(healthEndpoint, EXPRESS('createTerminus(server, { healthChecks: { "/live": async () => {} } });', ',"@godaddy/terminus":"^4.12.0"')), []);
  });
  it('counts a route the app gets from a package of the same monorepo', async () => {
    const f = await run(healthEndpoint, {
      'package.json': '{"private":true,"workspaces":["packages/*"]}',
      'packages/server/package.json': '{"name":"@acme/server","dependencies":{"express":"^4.19.2","@acme/framework":"workspace:*"}}',
      'packages/server/src/start.ts': 'import express from "express";\nimport { load } from "@acme/framework";\nconst app = express();\nload(app);\napp.listen(9000);\n',
      'packages/framework/package.json': '{"name":"@acme/framework"}',
      'packages/framework/src/index.ts': 'export function load(app: any) {\n  app.get("/health", (_req: any, res: any) => res.send("OK"));\n}\n',
    });
    assert.deepEqual(f, []);
  });
  it('says nothing about a workspace without a web framework (a library, a frontend)', async () => {
    assert.deepEqual(await run(healthEndpoint, { 'pyproject.toml': '[project]\nname = "lib"\n', 'lib/core.py': 'def f():\n    return 1\n' }), []);
    assert.deepEqual(await run(healthEndpoint, { 'package.json': '{"dependencies":{"react":"18"}}', 'src/App.tsx': 'export const App = () => null;\n' }), []);
  });
  it('does not count a route declared only in test code', async () => {
    const f = await run(healthEndpoint, { ...FLASK(), 'tests/test_app.py': 'def test_health(client):\n    assert client.get("/health").status_code == 200\n' });
    assert.deepEqual(where(f), ['app.py:4']);
  });
});

describe('check no-error-tracking', () => {
  it('reports a Django project without a tracker, on its settings module', async () => {
    assert.deepEqual(where(await run(errorTracking, DJANGO(''))), ['config/settings.py:1']);
  });
  it('is silent with sentry_sdk.init in settings, Sentry.init in an instrument module, or an agent started by the Procfile', async () => {
    assert.deepEqual(await run(errorTracking, DJANGO('import sentry_sdk\nsentry_sdk.init(dsn=os.environ.get("SENTRY_DSN"))\n')), []);
    assert.deepEqual(await run(errorTracking, { ...EXPRESS(''), 'src/instrument.ts': 'import * as Sentry from "@sentry/node";\nSentry.init({ dsn: process.env.SENTRY_DSN });\n' }), []);
    assert.deepEqual(await run(errorTracking, { ...FLASK(), Procfile: 'web: ddtrace-run gunicorn app:app\n' }), []);
    assert.deepEqual(await run(errorTracking, { ...FLASK(), 'app.py': FLASK()['app.py'].replace('import os', 'import os\nimport rollbar') }), []);
  });
  it('a frontend tracker does not count for the backend', async () => {
    const f = await run(errorTracking, {
      ...Object.fromEntries(Object.entries(EXPRESS('')).map(([k, v]) => [`api/${k}`, v])),
      'web/package.json': '{"dependencies":{"react":"18","@sentry/react":"^8.0.0"}}',
      'web/src/main.tsx': 'import * as Sentry from "@sentry/react";\nSentry.init({ dsn: import.meta.env.VITE_SENTRY_DSN });\n',
    });
    assert.deepEqual(where(f), ['api/src/server.ts:3']);
  });
});

describe('check no-request-id', () => {
  it('reports a Django project without one, on MIDDLEWARE', async () => {
    assert.deepEqual(where(await run(requestId, DJANGO(''))), ['config/settings.py:2']);
  });
  it('reports an Express app without one', async () => {
    assert.deepEqual(where(await run(requestId, EXPRESS('app.use(express.json());'))), ['src/server.ts:3']);
  });
  it('is silent with django-guid, express-request-id, pino-http, or a middleware that sets X-Request-ID', async () => {
    assert.deepEqual(await run(requestId, DJANGO('', undefined, 'django-guid>=3.4\n')), []);
    assert.deepEqual(await run(requestId, EXPRESS('app.use(requestId());', ',"express-request-id":"^3.0.0"')), []);
    assert.deepEqual(await run(requestId, EXPRESS('app.use(pinoHttp());', ',"pino-http":"^10.0.0"')), []);
    assert.deepEqual(await run(requestId, EXPRESS('app.use((req, res, next) => { res.setHeader("X-Request-ID", req.get("x-request-id") ?? randomUUID()); next(); });')), []);
    assert.deepEqual(await run(requestId, FLASK('@app.after_request\ndef tag(resp):\n    resp.headers["X-Request-ID"] = g.request_id\n    return resp\n')), []);
  });
});

describe('check no-global-rate-limit', () => {
  it('reports DRF without DEFAULT_THROTTLE_CLASSES, on REST_FRAMEWORK', async () => {
    const f = await run(globalRateLimit, DJANGO('REST_FRAMEWORK = {\n    "DEFAULT_THROTTLE_RATES": {"login": "5/min"},\n}\n'));
    assert.deepEqual(where(f), ['config/settings.py:7']);
  });
  it('is silent with DEFAULT_THROTTLE_CLASSES, also in a production module of split settings', async () => {
    assert.deepEqual(await run(globalRateLimit, DJANGO('REST_FRAMEWORK = {"DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"]}\n')), []);
    assert.deepEqual(await run(globalRateLimit, {
      'manage.py': '', 'requirements.txt': 'Django\ndjangorestframework\n',
      'config/settings/__init__.py': '',
      'config/settings/base.py': 'INSTALLED_APPS = ["rest_framework"]\nROOT_URLCONF = "config.urls"\nREST_FRAMEWORK = {"PAGE_SIZE": 20}\n',
      'config/settings/production.py': 'from .base import *\nREST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = ("rest_framework.throttling.AnonRateThrottle",)\n',
    }), []);
  });
  it('does not judge a plain Django site without DRF', async () => {
    assert.deepEqual(await run(globalRateLimit, { 'manage.py': '', 'requirements.txt': 'Django\n', 'site/settings.py': 'INSTALLED_APPS = ["django.contrib.admin"]\nROOT_URLCONF = "site.urls"\n' }), []);
  });
  it('reports Express without app.use(limiter); silent with one, or with a limiter made inline', async () => {
    assert.deepEqual(where(await run(globalRateLimit, EXPRESS('app.post("/login", loginLimiter, login);'))), ['src/server.ts:3']);
    assert.deepEqual(await run(globalRateLimit, EXPRESS('const protect = rateLimit({ windowMs: 60_000, limit: 300 });\napp.use(protect);')), []);
    assert.deepEqual(await run(globalRateLimit, EXPRESS('app.use("/api", apiLimiter);')), []);
  });
  it('reports Flask without default_limits; silent with them', async () => {
    assert.deepEqual(where(await run(globalRateLimit, FLASK('limiter = Limiter(get_remote_address, app=app, storage_uri=os.environ["REDIS_URL"])'))), ['app.py:4']);
    assert.deepEqual(await run(globalRateLimit, FLASK('limiter = Limiter(get_remote_address, app=app, default_limits=["200 per hour"])')), []);
  });
  it('is silent when nginx config in the repository limits requests', async () => {
    assert.deepEqual(await run(globalRateLimit, { ...EXPRESS(''), 'deploy/nginx.conf': 'limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;\n' }), []);
  });
});
