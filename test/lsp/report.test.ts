/**
 * `shipguard.server.report` over stdio: the server scans, runs the project checks and answers
 * the readiness report as JSON (and HTML for a webview, CSP by the given nonce), with the same
 * findings `shipguard report` gives for the folder.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Harness, ROOT, SERVER } from './harness';

describe('language server: readiness report command', function () {
  this.timeout(90_000);
  let h: Harness;
  let dir: string;

  before(async function () {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipguard-lsp-report-')));
    fs.writeFileSync(path.join(dir, '.shipguard.json'), JSON.stringify({ exclude: ['vendor/**'] }));
    fs.mkdirSync(path.join(dir, 'svc'));
    fs.mkdirSync(path.join(dir, 'vendor'));
    fs.writeFileSync(path.join(dir, 'svc', 'client.py'), 'import requests\n\n\ndef ping():\n    return requests.post("https://x", data={})\n');
    fs.writeFileSync(path.join(dir, 'vendor', 'lib.py'), 'import requests\nrequests.get(u)\n');
    fs.writeFileSync(path.join(dir, 'ok.py'), 'import requests\nrequests.get(u, timeout=5)\n');
    h = new Harness();
    const init = (await h.initialize(dir)) as { capabilities: { executeCommandProvider: { commands: string[] } } };
    assert.ok(init.capabilities.executeCommandProvider.commands.includes('shipguard.server.report'));
  });

  after(() => {
    h?.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers the report JSON, the CLI\'s findings, and refreshes the scan\'s diagnostics', async () => {
    const res = (await h.conn.sendRequest('workspace/executeCommand', { command: 'shipguard.server.report', arguments: [{ format: 'json' }] })) as {
      report: { root: string; summary: { findings: number; critical: number; high: number; medium: number }; findings: Array<{ rule: string; file: string; line: number; fix: { safety: string } | null }> };
      html?: string;
      cancelled: boolean;
    };
    assert.equal(res.cancelled, false);
    assert.equal(res.html, undefined);
    assert.equal(res.report.root, dir);
    assert.deepEqual(res.report.findings.map((f) => `${f.rule} ${f.file}:${f.line}`), ['request-without-timeout svc/client.py:5']);
    assert.ok(res.report.findings[0].fix, 'the report is built with fixes');
    const cli = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'shipguard.js'), 'report', '--format', 'json', '--no-progress', '--no-cache'], { cwd: dir, encoding: 'utf8' });
    assert.equal(cli.status, 1, cli.stderr);
    const fromCli = JSON.parse(cli.stdout);
    assert.deepEqual(res.report.summary, fromCli.summary);
    assert.deepEqual(res.report.findings, fromCli.findings);
    const svc = pathToFileURL(path.join(dir, 'svc', 'client.py')).href;
    await h.waitFor('scan diagnostics for the closed file', () => (h.diagnostics.get(svc)?.diagnostics.length ?? 0) === 1);
  });

  it('renders HTML for a webview with the nonce given, and refuses a nonce that could break out of the CSP', async () => {
    const res = (await h.conn.sendRequest('workspace/executeCommand', { command: 'shipguard.server.report', arguments: [{ format: 'html', nonce: 'Abc123xyz789' }] })) as { html: string };
    assert.match(res.html, /content="default-src 'none'; style-src 'nonce-Abc123xyz789'; script-src 'nonce-Abc123xyz789';"/);
    assert.match(res.html, /<a class="loc" href="#" data-file="svc\/client.py" data-line="5">svc\/client.py:5<\/a>/);
    const evil = (await h.conn.sendRequest('workspace/executeCommand', { command: 'shipguard.server.report', arguments: [{ format: 'html', nonce: `x'; script-src *` }] })) as { html: string };
    assert.ok(!evil.html.includes('script-src *'));
    assert.ok(!/<script/.test(evil.html), 'without a valid nonce the page is the standalone one, with no script');
  });

  it('shows a project-level check\'s finding on the file it names, and clears it once the gap is closed', async () => {
    const settings = path.join(dir, 'shop', 'settings.py');
    fs.mkdirSync(path.dirname(settings));
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'django==5.0\n');
    fs.writeFileSync(path.join(dir, 'manage.py'), 'import os\nimport sys\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\nfrom django.core.management import execute_from_command_line\nexecute_from_command_line(sys.argv)\n');
    fs.writeFileSync(settings, 'import os\n\nSECRET_KEY = os.environ["SECRET_KEY"]\nDEBUG = False\nINSTALLED_APPS = ["django.contrib.admin"]\nROOT_URLCONF = "shop.urls"\n');
    fs.writeFileSync(path.join(dir, 'shop', 'urls.py'), 'from django.urls import path\n\nurlpatterns = []\n');
    const uri = pathToFileURL(settings).href;
    const codes = () => (h.diagnostics.get(uri)?.diagnostics ?? []).map((d) => String(d.code)).sort();
    const res = (await h.conn.sendRequest('workspace/executeCommand', { command: 'shipguard.server.report', arguments: [{ format: 'json' }] })) as { report: { projectFindings: Array<{ check: string; file?: string }> } };
    const onSettings = res.report.projectFindings.filter((f) => f.file === 'shop/settings.py').map((f) => f.check).sort();
    assert.ok(onSettings.includes('django-deploy-settings'), JSON.stringify(res.report.projectFindings));
    // beside the rules' own diagnostics of the file
    await h.waitFor('the checks\' findings on the settings module', () => onSettings.every((c) => codes().includes(c)));
    // error tracking initialised: that finding goes, the others stay
    fs.writeFileSync(settings, `import sentry_sdk\n${fs.readFileSync(settings, 'utf8')}sentry_sdk.init(dsn=os.environ["SENTRY_DSN"])\n`);
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'django==5.0\nsentry-sdk==2.0\n');
    await h.conn.sendRequest('workspace/executeCommand', { command: 'shipguard.server.report', arguments: [{ format: 'json' }] });
    await h.waitFor('the error-tracking finding cleared', () => codes().length > 0 && !codes().includes('no-error-tracking'));
    assert.ok(codes().includes('django-deploy-settings'));
  });
});
