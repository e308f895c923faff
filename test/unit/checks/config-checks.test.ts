import * as assert from 'node:assert/strict';
import { databaseBackups } from '../../../server/src/checks/database-backups';
import { djangoDeploySettings } from '../../../server/src/checks/django-deploy-settings';
import { parseYaml } from '../../../server/src/checks/yaml';
import { run, where } from './helpers';

const APP_YAML = (db: string) => `name: timely\nregion: nyc\nservices:\n  - name: api\n    github:\n      repo: acme/timely\n      branch: main\n    run_command: gunicorn timely.wsgi\ndatabases:\n${db}`;

describe('check database-backups-off', () => {
  it('reports a DigitalOcean dev database (production: false), on that line', async () => {
    const f = await run(databaseBackups, { '.do/app.yaml': APP_YAML('  - name: db\n    engine: PG\n    version: "15"\n    production: false  # no backups\n') });
    assert.deepEqual(where(f), ['.do/app.yaml:13']);
  });
  it('reports one without production (the default is a dev database)', async () => {
    assert.deepEqual(where(await run(databaseBackups, { '.do/app.yaml': APP_YAML('- name: db\n  engine: PG\n') })), ['.do/app.yaml:10']);
  });
  it('is silent for production: true, an existing cluster, and Redis', async () => {
    assert.deepEqual(await run(databaseBackups, { '.do/app.yaml': APP_YAML('  - name: db\n    engine: PG\n    production: true\n    cluster_name: timely-db\n  - name: cache\n    engine: REDIS\n  - name: db2\n    cluster_name: shared-pg\n') }), []);
  });
  it('reports a Render database on the free plan', async () => {
    const f = await run(databaseBackups, { 'render.yaml': 'services:\n  - type: web\n    name: api\n    env: python\ndatabases:\n  - name: shop-db\n    plan: free\n  - name: other\n    plan: standard\n' });
    assert.deepEqual(where(f), ['render.yaml:7']);
  });
  it('reports a production compose Postgres without a volume; silent for a dev compose or one with a volume', async () => {
    const compose = (db: string) => `services:\n  web:\n    build: .\n  db:\n    image: postgres:16\n${db}`;
    assert.deepEqual(where(await run(databaseBackups, { 'docker-compose.prod.yml': compose('    restart: always\n') })), ['docker-compose.prod.yml:5']);
    assert.deepEqual(where(await run(databaseBackups, { 'docker-compose.yml': compose('    restart: unless-stopped\n') })), ['docker-compose.yml:5']);
    assert.deepEqual(await run(databaseBackups, { 'docker-compose.yml': compose('    environment:\n      POSTGRES_PASSWORD: x\n') }), []);
    assert.deepEqual(await run(databaseBackups, { 'docker-compose.dev.yml': compose('    restart: always\n') }), []);
    assert.deepEqual(await run(databaseBackups, { 'docker-compose.prod.yml': compose('    restart: always\n    volumes:\n      - pgdata:/var/lib/postgresql/data\n') + 'volumes:\n  pgdata: {}\n' }), []);
  });
  it('skips a file the YAML reader cannot read', async () => {
    assert.deepEqual(await run(databaseBackups, { '.do/app.yaml': 'databases: [{name: db, production: false}]\n' }), []);
    assert.equal(parseYaml('a: {b: 1}\n'), null);
    assert.equal(parseYaml('a:\n\tb: 1\n'), null);
  });
});

const SETTINGS = (extra: string) => `import os\n\nDEBUG = False\nINSTALLED_APPS = ["django.contrib.sessions"]\nMIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n]\nROOT_URLCONF = "shop.urls"\n${extra}`;

describe('check django-deploy-settings', () => {
  it('reports HSTS and the HTTPS redirect missing, on the settings module', async () => {
    const f = await run(djangoDeploySettings, { 'manage.py': '', 'shop/settings.py': SETTINGS('') });
    assert.deepEqual(where(f), ['shop/settings.py:1']);
    assert.match(f[0].message, /SECURE_HSTS_SECONDS.*SECURE_SSL_REDIRECT/);
    assert.doesNotMatch(f[0].message, /SESSION_COOKIE_SECURE|DEBUG/);
  });
  it('reports SECURE_SSL_REDIRECT = False on its line, and a MIDDLEWARE without SecurityMiddleware', async () => {
    const f = await run(djangoDeploySettings, { 'manage.py': '', 'shop/settings.py': SETTINGS('SECURE_HSTS_SECONDS = 3600\nSECURE_SSL_REDIRECT = False\n').replace('    "django.middleware.security.SecurityMiddleware",\n', '') });
    assert.deepEqual(where(f), ['shop/settings.py:9']);
    assert.match(f[0].message, /SecurityMiddleware/);
  });
  it('is silent when production sets them, also from the environment or in production.py of split settings', async () => {
    assert.deepEqual(await run(djangoDeploySettings, { 'manage.py': '', 'shop/settings.py': SETTINGS('SECURE_HSTS_SECONDS = 31536000\nSECURE_SSL_REDIRECT = True\n') }), []);
    assert.deepEqual(await run(djangoDeploySettings, { 'manage.py': '', 'shop/settings.py': SETTINGS('SECURE_HSTS_SECONDS = int(os.environ.get("HSTS", "0"))\nSECURE_SSL_REDIRECT = os.environ.get("SSL_REDIRECT") == "1"\n') }), []);
    assert.deepEqual(await run(djangoDeploySettings, {
      'manage.py': '',
      'shop/settings/__init__.py': '',
      'shop/settings/base.py': SETTINGS(''),
      'shop/settings/production.py': 'from .base import *\n\nSECURE_HSTS_SECONDS = 31536000\nSECURE_SSL_REDIRECT = True\n',
      'shop/settings/dev.py': 'from .base import *\nDEBUG = True\n',
    }), []);
  });
  it('reports the production module of split settings that lacks them, not the development one', async () => {
    const f = await run(djangoDeploySettings, {
      'manage.py': '',
      'shop/settings/__init__.py': '',
      'shop/settings/base.py': SETTINGS(''),
      'shop/settings/production.py': 'from .base import *\n\nSECURE_HSTS_SECONDS = 31536000\n',
      'shop/settings/local.py': 'from .base import *\n',
    });
    assert.deepEqual(where(f), ['shop/settings/production.py:1']);
    assert.doesNotMatch(f[0].message, /SECURE_HSTS_SECONDS/);
  });
  it('ignores test settings', async () => {
    assert.deepEqual(await run(djangoDeploySettings, { 'manage.py': '', 'shop/test_settings.py': SETTINGS('') }), []);
  });
});
