import { defineRule } from '../../engine/types';
import { python } from './python';

export default defineRule({
  id: 'csrf-disabled',
  family: 'secrets-auth-config',
  severity: 'warning',
  languages: ['python'],
  fix: { availability: 'sometimes', maxApplicability: 'unsafe', title: 'Turn CSRF protection back on' },
  python,
  docs: `## What it does
Flags CSRF protection turned off where browsers post with the visitor's cookies: Django \`@csrf_exempt\` on a view that is no signed webhook, \`WTF_CSRF_ENABLED = False\` outside tests, and Flask apps taking form POSTs with no \`CSRFProtect\` in the project.

\`csrf_exempt\` is recognised through imports and aliases, also as
\`@method_decorator(csrf_exempt, name="dispatch")\` on a class view or on its \`dispatch\`. A view is a
webhook, and keeps its exemption, when it verifies the caller's signature (Stripe
\`construct_event\`, \`hmac.compare_digest\`, a \`verify_signature\`-like call, Twilio's
\`RequestValidator\`), or when its name or route says webhook / callback / hook and it reads a
signature header (\`Stripe-Signature\`, \`X-Hub-Signature-256\`). A view named or routed as a
webhook that reads the raw body (\`json.loads(request.body)\`) takes a provider's payload, not a
form: whether it checks a signature is for \`stripe-webhook-signature\`. One that reads form
fields without checking a signature is reported without a fix: removing the exemption would only
refuse the provider's calls, the signature check is what it needs. Views that authenticate with a
token in a header (\`Authorization\`, \`X-Api-Key\`) and never touch \`request.user\` or the session
need no CSRF token and are left alone, as are DRF views (DRF exempts them and its
\`SessionAuthentication\` checks CSRF itself) and wrappers in urls modules (\`csrf_exempt(GraphQLView.as_view())\`,
whose API usually authenticates with a bearer token). \`WTF_CSRF_ENABLED = False\` is test
configuration in test code, in a class or function named for tests, beside \`TESTING = True\`, or
under an \`if\` about tests. For a Flask app, a form route is a \`POST\` / \`PUT\` / \`PATCH\` /
\`DELETE\` route that reads \`request.form\` and validates no Flask-WTF form (\`validate_on_submit()\`
checks the form's own token); the app is reported on its \`Flask(...)\` call, with the routes of its
own file and, when it is the project's only app or registers blueprints, those of the project's
blueprints; an app made from a subclass of \`Flask\` in the same module counts. \`CSRFProtect\`,
\`CsrfProtect\` or \`SeaSurf\` set up in any module of the project counts as protection, and so
does the project's own check of a session token against the form or a header
(\`session["nonce"] != request.form.get("nonce")\`, CTFd's way).

## Why is this bad?
Without the CSRF check, any website a signed-in visitor opens can post to these views with the
visitor's cookies: change their e-mail, add an admin, place an order. The browser attaches the
session cookie on its own; only the token proves the form came from the site itself.

## Example
\`\`\`python
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def update_profile(request):
    request.user.email = request.POST["email"]
    request.user.save()
    return JsonResponse({"ok": True})
\`\`\`

\`\`\`python
from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/settings/email", methods=["POST"])
def change_email():
    save_email(request.form["email"])
    return redirect("/settings")
\`\`\`

## Use instead
\`\`\`python
from django.http import JsonResponse


def update_profile(request):
    request.user.email = request.POST["email"]
    request.user.save()
    return JsonResponse({"ok": True})
\`\`\`

\`\`\`python
from flask import Flask, redirect, request
from flask_wtf.csrf import CSRFProtect

app = Flask(__name__)
CSRFProtect(app)


@app.route("/settings/email", methods=["POST"])
def change_email():
    save_email(request.form["email"])
    return redirect("/settings")
\`\`\`

## Fix safety
Unsafe: requests without a valid token are now refused (Django answers 403, Flask-WTF 400), so
every form that posts to these views must carry it (\`{% csrf_token %}\` in Django templates,
\`{{ csrf_token() }}\` in Jinja, the \`X-CSRFToken\` header for JavaScript clients), and clients
that are not browsers need another way in (a token-authenticated API view, a signed webhook).
The exemption's decorator line goes, with \`csrf_exempt\` / \`method_decorator\` imports it leaves
unused; \`WTF_CSRF_ENABLED\` becomes \`True\`; \`CSRFProtect(app)\` is added after the app's
creation (and the configuration lines that follow it), with \`from flask_wtf.csrf import
CSRFProtect\` in the file's import style. The title says when Flask-WTF is a new dependency.
When the project's templates have a \`<form method="post">\` that renders no \`csrf_token()\`,
those forms would answer 400 from the moment the fix lands: the fix then needs input
("templates post forms without a csrf_token() field"), is listed by \`shipguard fix\` instead
of written, and the editor offers it with the number of such templates in its title.

## How to verify
Post the form without a token (\`curl -X POST -d email=x@example.com\` with a session cookie):
Django answers 403 and Flask 400. The form rendered with the token still works.
\`shipguard scan\` no longer reports the view.

## References
- Django: Cross Site Request Forgery protection, \`csrf_exempt\`
- Flask-WTF: CSRF Protection, \`CSRFProtect\`, \`WTF_CSRF_ENABLED\`
- OWASP: Cross-Site Request Forgery Prevention Cheat Sheet
- CWE-352: Cross-Site Request Forgery
`,
});
