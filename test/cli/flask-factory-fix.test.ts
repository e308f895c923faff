/**
 * The Flask throttle fix in an app-factory project, through the built CLI: the fix writes one
 * limiter for the app (a new `limiter.py`, or the package's existing `extensions.py`), `init_app`s
 * it in the factory and declares the dependency; every route of every blueprint reuses it.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'shipguard.js');
const BUNDLE = path.join(ROOT, 'server', 'out', 'cli.js');

const FACTORY = `from flask import Flask

from .extensions import db


def create_app():
    app = Flask(__name__)
    app.config.from_object("shop.config")
    db.init_app(app)

    from .auth import auth
    from .account.views import account as account_bp

    app.register_blueprint(auth, url_prefix="/auth")
    app.register_blueprint(account_bp)
    return app
`;
const AUTH = `from flask import Blueprint, request

from .extensions import db

auth = Blueprint("auth", __name__)


@auth.route("/login", methods=["POST"])
def login():
    return {"ok": check(request.form)}
`;
const ACCOUNT = `from flask import Blueprint, redirect, render_template, url_for

account = Blueprint("account", __name__)


@account.route("/forgot-password", methods=["GET", "POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        send_reset(form.email.data)
        return redirect(url_for("account.sent"))
    return render_template("forgot.html", form=form)
`;
/** Credentials read on GET too (HTTP basic auth): every method is limited. */
const BASIC = `from flask import Blueprint, request

auth = Blueprint("auth", __name__)


@auth.route("/token", methods=["GET", "POST"])
def login():
    creds = request.authorization or request.form
    return {"token": issue_token(creds["username"], creds["password"])}
`;

function run(files: Record<string, string>): { dir: string; out: string; read: (f: string) => string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipguard-factory-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  const r = spawnSync(process.execPath, [BIN, 'fix', '.', '--rule', 'unthrottled-sensitive-endpoint', '--unsafe-fixes', '--no-progress', '--no-cache'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  return { dir, out: r.stdout, read: (f) => fs.readFileSync(path.join(dir, f), 'utf8') };
}

describe('Flask throttle fix in an app factory (built bundle)', function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  before(function () {
    if (!fs.existsSync(BUNDLE)) {
      const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, `build failed: ${r.stderr}`);
    }
  });
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it("one limiter in the package's extensions.py, init_app'ed after the other extensions, used by both blueprints", () => {
    const r = run({
      'pyproject.toml': '[project]\nname = "shop"\ndependencies = [\n    "Flask",\n    "Flask-SQLAlchemy",\n]\n',
      'shop/__init__.py': FACTORY,
      'shop/extensions.py': 'from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n',
      'shop/auth.py': AUTH,
      'shop/account/__init__.py': '',
      'shop/account/views.py': ACCOUNT,
    });
    dirs.push(r.dir);
    assert.match(r.out, /Fixed 2 issues in 2 files \(0 remaining\)/);
    assert.equal(r.read('shop/extensions.py'), 'import os\n\nfrom flask_limiter import Limiter\nfrom flask_limiter.util import get_remote_address\nfrom flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\nlimiter = Limiter(get_remote_address, storage_uri=os.environ["REDIS_URL"])\n');
    assert.equal(r.read('shop/__init__.py'), FACTORY.replace('from .extensions import db\n', 'from .extensions import db, limiter\n').replace('    db.init_app(app)\n', '    db.init_app(app)\n    limiter.init_app(app)\n'));
    assert.equal(r.read('shop/auth.py'), AUTH.replace('from .extensions import db\n', 'from .extensions import db, limiter\n').replace('def login', '@limiter.limit("5 per minute")\ndef login'));
    assert.equal(r.read('shop/account/views.py'), ACCOUNT.replace('url_for\n', 'url_for\n\nfrom ..extensions import limiter\n').replace('def forgot', '@limiter.limit("5 per minute", methods=["POST"])\ndef forgot'));
    assert.equal(r.read('pyproject.toml'), '[project]\nname = "shop"\ndependencies = [\n    "Flask",\n    "Flask-SQLAlchemy",\n    "Flask-Limiter[redis]>=3",\n]\n');
  });

  it('a new limiter.py beside the factory when the package has no extensions module; absolute imports where the file uses them', () => {
    const r = run({
      'requirements.txt': 'flask\n',
      'shop/__init__.py': FACTORY.replace('from .extensions import db\n\n\n', '\n').replace('def create_app():', 'def create_app(test_config=None):').replace('    db.init_app(app)\n', '    if test_config is not None:\n        app.config.update(test_config)\n'),
      'shop/auth.py': BASIC.replace('from flask import Blueprint, request\n', 'from flask import Blueprint, request\n\nfrom shop.models import User\n'),
      'shop/account/__init__.py': '',
      'shop/account/views.py': ACCOUNT,
    });
    dirs.push(r.dir);
    assert.equal(r.read('shop/limiter.py'), 'import os\n\nfrom flask_limiter import Limiter\nfrom flask_limiter.util import get_remote_address\n\nlimiter = Limiter(get_remote_address, storage_uri=os.environ["REDIS_URL"])\n');
    assert.match(r.read('shop/__init__.py'), /^from flask import Flask\n\nfrom \.limiter import limiter\n/);
    assert.match(r.read('shop/__init__.py'), /        app\.config\.update\(test_config\)\n    limiter\.init_app\(app\)\n/);
    assert.equal((r.read('shop/__init__.py').match(/limiter\.init_app/g) ?? []).length, 1);
    assert.match(r.read('shop/auth.py'), /from shop\.limiter import limiter\nfrom shop\.models import User\n/);
    assert.match(r.read('shop/auth.py'), /@auth\.route\("\/token", methods=\["GET", "POST"\]\)\n@limiter\.limit\("5 per minute"\)\ndef login/);
    assert.match(r.read('shop/account/views.py'), /from \.\.limiter import limiter\n/);
    assert.equal(r.read('requirements.txt'), 'flask\nFlask-Limiter[redis]>=3\n');
  });
  it('the factory module makes the extensions itself and the blueprint lives in its package __init__: the limiter joins them, routes import it as they import db', () => {
    const init = "import os\nfrom flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\nfrom config import Config\n\ndb = SQLAlchemy()\n\n\ndef create_app(config_class=Config):\n    app = Flask(__name__)\n    app.config.from_object(config_class)\n    db.init_app(app)\n\n    from app.auth import bp as auth_bp\n    app.register_blueprint(auth_bp, url_prefix='/auth')\n    return app\n";
    const routes = "from flask import render_template, redirect, url_for\nfrom app import db\nfrom app.auth import bp\nfrom app.auth.forms import LoginForm\n\n\n@bp.route('/login', methods=['GET', 'POST'])\ndef login():\n    form = LoginForm()\n    if form.validate_on_submit():\n        return redirect(url_for('main.index'))\n    return render_template('auth/login.html', form=form)\n";
    const r = run({
      'requirements.txt': 'Flask==3.0.0\nFlask-SQLAlchemy==3.1.1\n',
      'config.py': 'class Config:\n    pass\n',
      'app/__init__.py': init,
      'app/auth/__init__.py': "from flask import Blueprint\n\nbp = Blueprint('auth', __name__)\n\nfrom app.auth import routes\n",
      'app/auth/routes.py': routes,
    });
    dirs.push(r.dir);
    assert.equal(r.read('app/__init__.py'), init
      .replace('from flask_sqlalchemy import SQLAlchemy\n', 'from flask_limiter import Limiter\nfrom flask_limiter.util import get_remote_address\nfrom flask_sqlalchemy import SQLAlchemy\n')
      .replace('db = SQLAlchemy()\n', "db = SQLAlchemy()\nlimiter = Limiter(get_remote_address, storage_uri=os.environ['REDIS_URL'])\n")
      .replace('    db.init_app(app)\n', '    db.init_app(app)\n    limiter.init_app(app)\n'));
    assert.equal(r.read('app/auth/routes.py'), routes.replace('from app import db\n', 'from app import db, limiter\n').replace("def login", "@limiter.limit('5 per minute', methods=['POST'])\ndef login"));
    assert.ok(!fs.existsSync(path.join(r.dir, 'app', 'limiter.py')));
    assert.equal(r.read('requirements.txt'), 'Flask==3.0.0\nFlask-SQLAlchemy==3.1.1\nFlask-Limiter[redis]>=3\n');
  });
});
