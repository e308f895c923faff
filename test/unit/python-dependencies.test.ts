import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pythonDependencyEdit } from '../../codemods/python/dependencies';
import { applyEdits } from '../../server/src/text/edits';

/** A project with the given files; returns the path of `app/views.py` in it. */
function project(files: Record<string, string>): { root: string; file: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipguard-deps-'));
  for (const [rel, text] of Object.entries({ 'app/views.py': 'x = 1\n', ...files })) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return { root, file: path.join(root, 'app', 'views.py') };
}

function applied(files: Record<string, string>, manifest: string): string | null {
  const p = project(files);
  const e = pythonDependencyEdit(p.file, 'flask-limiter', 'Flask-Limiter[redis]>=3', p.root);
  if (!e) return null;
  assert.equal(e.path, path.join(p.root, manifest));
  return applyEdits(fs.readFileSync(e.path, 'utf8'), e.edits);
}

describe('Python dependency edits (a fix that starts to import a package declares it)', () => {
  it('PEP 621: the item goes last in the array, in its layout (one per line, trailing comma)', () => {
    const toml = '[project]\nname = "shop"\ndependencies = [\n    "Flask",\n    "stripe",\n]\n\n[build-system]\nrequires = ["hatchling"]\n';
    assert.equal(applied({ 'pyproject.toml': toml }, 'pyproject.toml'), '[project]\nname = "shop"\ndependencies = [\n    "Flask",\n    "stripe",\n    "Flask-Limiter[redis]>=3",\n]\n\n[build-system]\nrequires = ["hatchling"]\n');
  });

  it('PEP 621: an inline array and one without a trailing comma keep their form', () => {
    assert.equal(applied({ 'pyproject.toml': "[project]\ndependencies = ['flask']\n" }, 'pyproject.toml'), "[project]\ndependencies = ['flask', 'Flask-Limiter[redis]>=3']\n");
    assert.equal(applied({ 'pyproject.toml': '[project]\ndependencies = [\n  "flask"\n]\n' }, 'pyproject.toml'), '[project]\ndependencies = [\n  "flask",\n  "Flask-Limiter[redis]>=3"\n]\n');
  });

  it('requirements.txt: a line at the end (a missing final newline added first, CRLF kept)', () => {
    assert.equal(applied({ 'requirements.txt': 'flask==3.0.0\nredis' }, 'requirements.txt'), 'flask==3.0.0\nredis\nFlask-Limiter[redis]>=3\n');
    assert.equal(applied({ 'requirements.txt': 'flask\r\n' }, 'requirements.txt'), 'flask\r\nFlask-Limiter[redis]>=3\r\n');
  });

  it('nothing when declared already, in any spelling pip accepts', () => {
    assert.equal(applied({ 'requirements.txt': 'Flask_Limiter>=3\n' }, 'requirements.txt'), null);
    assert.equal(applied({ 'pyproject.toml': '[project]\ndependencies = ["flask.limiter[redis]"]\n' }, 'pyproject.toml'), null);
  });

  it('nothing for manifests it does not write (Poetry tables, setup.py) or no manifest at all', () => {
    assert.equal(applied({ 'pyproject.toml': '[tool.poetry.dependencies]\nflask = "^3"\n' }, 'pyproject.toml'), null);
    assert.equal(applied({ 'setup.py': 'setup(install_requires=["flask"])\n' }, 'setup.py'), null);
    assert.equal(applied({}, 'requirements.txt'), null);
  });

  it('the nearest manifest wins (a service folder inside a monorepo)', () => {
    const p = project({ 'requirements.txt': 'flask\n', 'app/requirements.txt': 'stripe\n' });
    assert.equal(pythonDependencyEdit(p.file, 'flask-limiter', 'Flask-Limiter[redis]>=3', p.root)?.path, path.join(p.root, 'app', 'requirements.txt'));
  });
});
