import { defineRule } from '../../engine/types';
import { python } from './python';

export default defineRule({
  id: 'nest-asyncio',
  family: 'performance-operations',
  severity: 'warning',
  languages: ['python'],
  fix: null,
  python,
  docs: `## What it does
Flags \`nest_asyncio.apply()\`, and an event loop driven with \`run_until_complete(...)\` while a request is handled.

\`nest_asyncio.apply()\` is flagged wherever it is called, under any import form
(\`import nest_asyncio as na\`, \`from nest_asyncio import apply\`). \`run_until_complete\` is flagged
in request-handling code: Django function views (a \`request\` first parameter), the methods of
Django and DRF class views and viewsets, DRF \`@api_view\` functions, Flask / Quart / FastAPI /
Starlette routes (\`@app.route\`, \`@bp.get\`, \`@router.post\`), and the functions of the same
module that a handler calls (followed three calls deep).

Not flagged: \`run_until_complete\` in management commands, Celery tasks, scripts and other code
no handler of the module reaches, \`asyncio.run(...)\`, test code.

## Why is this bad?
\`run_until_complete\` blocks the worker thread until the coroutine finishes, so the "async" call
gives no concurrency and holds a worker for its whole duration. Under ASGI or inside an async
view a loop is already running in the thread and it raises \`RuntimeError: This event loop is
already running\`; in a threaded WSGI worker \`asyncio.get_event_loop()\` raises \`There is no
current event loop in thread\`. \`nest_asyncio\` is the usual workaround, and a worse one: it
monkey-patches asyncio for the whole process so a running loop can be re-entered, tasks run
inside one another, \`asyncio.timeout\` and cancellation stop working reliably, and one slow
coroutine stalls every other request scheduled on that loop.

## Example
\`\`\`python
import asyncio

from django.http import JsonResponse

from .clients import fetch_quote


def quote(request):
    loop = asyncio.get_event_loop()
    data = loop.run_until_complete(fetch_quote(request.GET["symbol"]))
    return JsonResponse(data)
\`\`\`

## Use instead
\`\`\`python
from django.http import JsonResponse

from .clients import fetch_quote


async def quote(request):
    data = await fetch_quote(request.GET["symbol"])
    return JsonResponse(data)
\`\`\`

In a view that must stay synchronous, \`asgiref.sync.async_to_sync(fetch_quote)(symbol)\` runs
the coroutine correctly in both WSGI and ASGI deployments (Django ships asgiref).

## Fix safety
No automatic fix: making a view \`async\` changes how Django runs it (and every ORM call in it
must become \`async\` or go through \`sync_to_async\`), and removing \`nest_asyncio.apply()\`
breaks the code that relied on re-entering the loop. The message and this page give the
replacement; apply it by hand.

## How to verify
Run the app under an ASGI server (\`uvicorn project.asgi:application\`) or a threaded WSGI
server (\`gunicorn --threads 4\`) and call the endpoint: with \`run_until_complete\` it raises a
\`RuntimeError\`; with \`await\` / \`async_to_sync\` it answers. \`shipguard scan\` no longer
reports the call.

## References
- Django documentation: Asynchronous support, "Async adapter functions" (\`async_to_sync\`)
- Python documentation: asyncio event loop, \`loop.run_until_complete\`
- erdewit/nest_asyncio README
`,
});
