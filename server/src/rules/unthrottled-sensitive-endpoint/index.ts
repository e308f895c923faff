import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'unthrottled-sensitive-endpoint',
  family: 'throttling',
  severity: 'warning',
  languages: ['python', 'javascript', 'typescript'],
  fix: { availability: 'sometimes', maxApplicability: 'unsafe', title: 'Add a rate limit to the endpoint' },
  python,
  js,
  docs: `## What it does
Flags login, signup, password-reset, OTP, checkout, upload and export endpoints that no rate limit protects.

## Why is this bad?
An endpoint without a limit answers every request a script sends: credential stuffing runs
through leaked password lists at thousands of tries a minute, an OTP or reset endpoint becomes an
SMS/e-mail bombing service billed to you, a checkout endpoint tests stolen cards, and an upload
or export endpoint turns into a cheap denial of service.

An endpoint is sensitive when its route or handler name contains one of the
\`sensitiveEndpoints\` fragments of the configuration (default: login, signin, token, register,
signup, password, reset, otp, verify, checkout, payment, charge, subscribe, upload, export,
backfill) and it accepts POST, PUT or PATCH (export and backfill also GET; a DELETE-only route is
not where scripts attack). Admin-only endpoints (an \`/admin\` path, \`@admins_only\`,
\`staff_member_required\`, \`permission_classes = [IsAdminUser]\`) and webhooks are not flagged.
Endpoints are read from the whole project, the way apps are written:
- DRF: \`@api_view\` functions (\`@throttle_classes\`), \`APIView\` / generic views / \`ViewSet\`s and
  their \`@action\`s (\`throttle_classes\`, \`throttle_scope\`, also inherited from the project's base
  classes), routes from \`urls.py\` and \`router.register\`. \`DEFAULT_THROTTLE_CLASSES\` in any settings
  module of the project covers DRF views, except login and password endpoints, which still need a
  scoped throttle of their own; \`throttle_classes = []\` opts a view out.
- Django: function views (a \`request\` first parameter in a views module, or routed from \`urls.py\`)
  and class views, limited by \`@ratelimit\` (django-ratelimit), \`method_decorator(ratelimit(...))\`,
  a wrapper in \`urls.py\`, or a rate-limit middleware in \`MIDDLEWARE\`.
- Flask: routes on apps and blueprints (followed through imports), \`add_url_rule\`, \`MethodView\`
  and flask-restx resources; limited by \`@limiter.limit\`, a \`decorators\` list, or a \`Limiter\`
  made anywhere in the project with \`default_limits\` (unless the route is \`@limiter.exempt\`).
- Express: \`app\` / \`Router\` routes with a limiter in their middleware chain (arrays too), or a
  limiter \`use\`d before them on the same app or router, in the same file or where the router is
  mounted from another file, over several levels of mounting (\`app.use('/v1', routes)\`, then
  \`router.use('/auth', authRoute)\` or a \`[{ path, route }]\` table looped over with \`forEach\`),
  so \`app.use('/v1/auth', authLimiter)\` covers \`/login\` of the auth router; a limiter \`use\`d
  inside \`if (env === 'production')\` counts, one switched on only outside production does not;
  \`router.route(p).post(...)\`. Next.js: \`POST\` (and other method) handlers of
  \`app/**/route.ts\`, and the default export of Pages Router \`pages/api/**\` files (its methods
  from the file's \`req.method\` tests, all when it tests none), limited when the module calls a
  limiter or \`middleware.ts\` does. NestJS: \`@Controller('auth')\` methods decorated
  \`@Post('email/login')\` (path joined, after a literal \`app.setGlobalPrefix\`), limited by
  \`@Throttle()\` or a throttler guard (\`@UseGuards(ThrottlerGuard)\`, a project guard named like
  one) on the method or its class, or a throttler guard registered as \`APP_GUARD\` in any module;
  \`@SkipThrottle()\` drops the class and global ones.

A limiter is anything that resolves to a rate-limit library (django-ratelimit, DRF throttles,
flask-limiter, express-rate-limit, express-slow-down, rate-limiter-flexible, @upstash/ratelimit),
also through a wrapper exported from another module; a decorator or middleware named like one
(\`rate_limit\`, \`authLimiter\`, \`throttle\`); or a project function that counts requests in a shared
store (Redis \`INCR\` with \`EXPIRE\`).

**What it does not flag.**
- Test code: test files, files importing a test framework, and modules inside a Python \`tests\`
  package (a test suite's example app).
- Guessing targets behind authentication. login, signin, token, register, signup, password, reset,
  otp and verify endpoints are attacked by clients who have no account yet (guessing passwords,
  codes or reset links, bombing inboxes); an endpoint that already requires a logged-in user is not
  where that happens, and a logged-in user changing a password or creating an API token is an
  accountable, identified client. Authentication is read from: DRF \`permission_classes\` (any class
  but \`AllowAny\`: \`IsAuthenticated\`, \`IsAdminUser\`, the project's own \`BasePermission\`
  classes, also inherited and on \`@permission_classes\` / \`@action(permission_classes=...)\`), the
  project's \`DEFAULT_PERMISSION_CLASSES\` for views that set none (\`AllowAny\` or
  \`permission_classes = []\` opens a view again); Django \`@login_required\`,
  \`@permission_required\`, \`@staff_member_required\`, \`@user_passes_test\`, \`LoginRequiredMixin\`
  and the other access mixins, \`method_decorator(login_required)\`; Flask \`@login_required\`,
  \`@jwt_required()\` and project guards named the same way (\`*_required\`, \`authed_only\`,
  \`admins_only\`, \`require_admin\`, \`require_permission\`), on the view, on every mutating method of a
  \`MethodView\` / flask-restful resource, or in its \`decorators = [...]\` list; Express
  authentication middleware in the route's chain or \`use\`d before it on the same router
  (\`passport.authenticate\`, \`requireAuth\`, \`authenticate\`, \`isAuthenticated\`, \`ensureLoggedIn\`,
  \`auth\`, \`jwt(...)\`, \`requireUser\`, or an inline guard answering 401/403 when \`req.user\` is
  missing); NestJS \`@UseGuards(AuthGuard('jwt'))\` and other authentication guards
  (\`JwtAuthGuard\`, \`SessionGuard\`, \`RolesGuard\`) on the method or class; Pages Router
  handlers that read the session and answer 401 (\`getSession\` / \`getServerSession\` / \`getToken\`)
  or go through \`withApiAuthRequired\`-style wrappers; file-routed handlers (Medusa \`src/api/**/route.ts\`) whose entry in a \`middlewares.ts\`
  route config lists \`authenticate(...)\`. \`authentication_classes\` alone is not taken: it says
  how a user is identified, not that one is required.
- Cost words stay flagged behind authentication: checkout, payment, charge and subscribe move money
  (one stolen account can test cards), upload writes storage, export and backfill run heavy work on
  every call. The exception is an authenticated endpoint whose last path segment or name starts
  with a read verb (get, fetch, list, retrieve, read, show, view, lookup, find) for
  checkout/payment/charge/subscribe/upload: \`fetch-checkout-session\` retrieves a session and
  \`get-signed-request-for-upload\` signs a URL, neither moves money nor stores anything. Export and
  backfill cost as much when read, so they keep the throttle.
- Names are matched by words (camelCase, snake_case and path segments split): a word matches when
  it starts with the fragment (\`uploads\`, \`verified\`) or ends with it after a prefix of three
  letters or more (\`forgotpassword\`); \`preset\` is not \`reset\`.
  \`RemovePasswordDocumentsView\` does name a password; it is not flagged in an authenticated
  project because of the rule above, not because of its name.
- Admin-only endpoints (an \`/admin\` path, \`@admins_only\`, \`staff_member_required\`,
  \`permission_classes = [IsAdminUser]\`), signed webhooks, DELETE-only routes.

## Example
\`\`\`python
from flask import Flask, request

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    return check_password(request.form["email"], request.form["password"])
\`\`\`

\`\`\`ts
import express from 'express';

const app = express();
app.post('/api/password/reset', sendResetEmail);
\`\`\`

## Use instead
\`\`\`python
import os

from flask import Flask, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

app = Flask(__name__)
limiter = Limiter(get_remote_address, app=app, storage_uri=os.environ["REDIS_URL"])


@app.route("/login", methods=["POST"])
@limiter.limit("5 per minute")
def login():
    return check_password(request.form["email"], request.form["password"])
\`\`\`

\`\`\`ts
import express from 'express';
import rateLimit from 'express-rate-limit';

const app = express();
const resetLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 5, standardHeaders: 'draft-7', legacyHeaders: false });
app.post('/api/password/reset', resetLimiter, sendResetEmail);
\`\`\`

## Fix safety
Unsafe: a rate limit refuses requests that were answered before (429 after the limit), and the
limits chosen (5 a minute for Flask, 5 per 15 minutes for Express, \`5/min\` for a DRF scope)
are a starting point to tune per endpoint. The DRF fix gives the view
\`throttle_classes = [ScopedRateThrottle]\` and a \`throttle_scope\`, and writes the scope's rate into
\`REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]\` of the project's settings module (one edit over two
files; the dicts are created when missing). The Flask fix reuses the app's \`Limiter\` (imported from
where it lives) or creates one with Redis storage from \`REDIS_URL\` next to the \`Flask\` app. When
the app is made in a factory (\`create_app()\`) that registers the route's blueprint, the one new
\`limiter\` goes into the factory package's \`extensions.py\` (or a new \`limiter.py\` beside the
factory), is \`init_app\`ed in the factory after the app's configuration and the extensions it
initialises already (when the factory reads \`app.config["REDIS_URL"]\`, the limiter stores its counters
there: \`app.config.setdefault("RATELIMIT_STORAGE_URI", app.config["REDIS_URL"])\`, so the project's
own default for tests and development applies), and every blueprint's routes import it (relative or absolute, as the file imports
its own package); a blueprint whose registration cannot be followed gets its own limiter,
initialised by \`bp.record_once(lambda state: limiter.init_app(state.app))\`. A new \`Limiter\` comes
with \`Flask-Limiter[redis]>=3\` declared in the project's \`pyproject.toml\` (PEP 621 \`dependencies\`)
or \`requirements.txt\` when it is not there (\`>=3\`: the key function as first argument is the 3.x
API; lock files are left to the project's tool). A route that
also answers \`GET\` is limited on its submitting methods only (\`methods=["POST"]\`) when GET can only
render: no path parameters and every use of \`request\` under \`if form.validate_on_submit():\` or
\`if request.method == "POST":\`; otherwise (credentials from the query or basic auth, e-mail sent on
GET) every method is limited. The
Express fix adds an \`express-rate-limit\` middleware before the handler, its import, and the
dependency to \`package.json\` when it is missing. Next.js and NestJS findings have no fix: a
Next.js limiter needs a shared store the project must choose (Upstash, Redis), and \`@Throttle()\`
does nothing without \`ThrottlerModule.forRoot(...)\` imported in the app module and a
\`ThrottlerGuard\` applied, a module-level change with options (storage, limits) only the project
can decide.

## How to verify
Send the endpoint more requests than the limit within the window (a loop of \`curl\`): the first
ones are answered as before, the next get \`429 Too Many Requests\`. Run several app processes:
they must share the limit (Redis storage, see \`in-memory-rate-limit\`).

## Options
\`sensitiveEndpoints\` in \`.shipguard.json\` (or \`[tool.shipguard]\`) replaces the list of name fragments.

## References
- OWASP API Security Top 10: API4:2023 Unrestricted Resource Consumption
- Django REST framework: Throttling (https://www.django-rest-framework.org/api-guide/throttling/)
- Flask-Limiter (https://flask-limiter.readthedocs.io/)
- express-rate-limit (https://express-rate-limit.mintlify.app/)
`,
});
