import { defineRule } from '../../engine/types';
import { python } from './python';

export default defineRule({
  id: 'public-media-serving',
  family: 'performance-operations',
  severity: 'warning',
  languages: ['python'],
  fix: { availability: 'sometimes', maxApplicability: 'unsafe', title: 'Guard media routes with `settings.DEBUG`; require login on file views' },
  python,
  docs: `## What it does
Flags user uploads served by the Django app with no guard: media routes outside \`if settings.DEBUG:\`, and file views that send a request-named file with no login or ownership check.

Media routes: \`static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)\`
(\`django.conf.urls.static.static\`, any import form) added with \`urlpatterns += ...\` or
\`urlpatterns = [...] + ...\`, and \`path\` / \`re_path\` / \`url\` routes to
\`django.views.static.serve\` with the media folder as \`document_root\`, when no
\`if settings.DEBUG:\` (or \`if DEBUG:\`, the \`else\` of \`if not settings.DEBUG\`,
\`... if settings.DEBUG else []\`) guards them. File views: \`FileResponse(open(path))\`
(also \`storage.open(path)\`, \`Path(path).open()\`, through a local) or Flask \`send_file(path)\`,
where the path comes from the request (URL kwargs, query or form values), in a Django view or a
Flask / FastAPI route with no login or permission decorator (\`login_required\`,
\`permission_required\`, \`user_passes_test\`...), no auth mixin, no non-public
\`permission_classes\` (or a project default that authenticates DRF views), and no read of
\`request.user\` / \`current_user\` / \`request.auth\` in the function.

Not flagged: \`static()\` for \`STATIC_URL\`, guarded routes, files looked up through a model the
view filters (\`get_object_or_404(Document, pk=pk, owner=request.user)\`), test code. Not read yet: Django
5.1's \`LoginRequiredMiddleware\` (views it protects are still reported; suppress them or add
\`@login_required\` to say so in the view).

## Why is this bad?
\`django.views.static.serve\` serves the folder whatever \`DEBUG\` says: every upload (invoices,
ID scans, private attachments) is readable by anyone who has or guesses the URL, with no
authentication, and Django's documentation says it is meant for development only, not
hardened for production use. \`static()\` is narrower: it returns no routes when \`DEBUG\` is off, so the risk is a
production started with \`DEBUG=True\` (then every upload is public), and a project that relies
on it has no real way to serve user files with access control. A view that opens a path taken
from the URL and returns it, with no login and no check that the file is the user's, lets any
visitor download any user's file (and, without a safe join, any file the process can read).

## Example
\`\`\`python
from django.conf import settings
from django.conf.urls.static import static
from django.urls import path

from . import views

urlpatterns = [
    path("invoices/", views.invoices),
]

urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
\`\`\`

## Use instead
\`\`\`python
from django.conf import settings
from django.conf.urls.static import static
from django.urls import path

from . import views

urlpatterns = [
    path("invoices/", views.invoices),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
\`\`\`

In production, serve public media from the web server or object storage, and private files
through a view that checks the user (or short-lived signed URLs, e.g. django-storages with
\`querystring_auth\`).

## Fix safety
Unsafe. Media routes: the fix wraps the statement in \`if settings.DEBUG:\` (adding
\`from django.conf import settings\` when missing); for \`urlpatterns = [...] + static(...)\` the
\`static(...)\` part moves into a guarded \`urlpatterns += ...\` after the list. For \`static()\`
this keeps what production serves with \`DEBUG\` off; for \`serve\` routes the app stops serving
media at all when \`DEBUG\` is off, so the web server or storage must serve it first. Routes
inside the main \`urlpatterns\` list get no automatic fix. File views: the fix adds
\`@login_required\` (Django, or flask-login where the module already uses it) and an ownership
check with a placeholder, \`if not TODO_OWNERSHIP_CHECK: raise Http404\` (\`abort(404)\` in Flask),
that only the author can fill in: the editor inserts it as a snippet with the cursor on the
placeholder, and \`shipguard fix\` never applies it (the finding is listed as needing input).

## How to verify
With \`DEBUG = False\` (and \`DEBUG = True\`), request \`/media/<a known upload>\`: it must not be
served by Django. For a file view, request another user's file while logged out and while logged
in as a different user: both must answer 302/403/404. \`shipguard scan\` no longer reports the line.

## References
- Django documentation: "How to manage static files", Serving files uploaded by a user during development; \`django.views.static.serve\`
- OWASP Top 10: A01 Broken Access Control; CWE-639: Authorization Bypass Through User-Controlled Key
`,
});
