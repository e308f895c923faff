import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'error-details-in-response',
  family: 'error-handling',
  severity: 'warning',
  languages: ['python', 'javascript', 'typescript'],
  fix: { availability: 'sometimes', maxApplicability: 'unsafe', title: 'Log the exception and answer a generic message' },
  python,
  js,
  docs: `## What it does
Flags an exception handler that sends the exception's text to the client: \`str(e)\`, \`repr(e)\`, \`e.args\`, \`{e}\` in an f-string or \`traceback.format_exc()\` in a Django, DRF, Flask or FastAPI response, and \`err.message\`, \`err.stack\` or \`err\` itself in an Express or Next.js response.

## Why is this bad?
An exception's message is written for the developer, not for the user: database errors
carry the SQL and table names, \`KeyError\` the internal field, a failed HTTP call the
upstream URL with its query string (API keys included), a file error the server's paths.
Sent in a response body, it tells an attacker how the system is built and sometimes hands
them a secret. And the developer gets nothing: the text went to the client, the traceback
nowhere, so the incident cannot be debugged from the logs.

Handlers and responses are recognised through bindings: \`except ... as e:\` blocks, Flask
\`@errorhandler(Exception)\`, FastAPI \`@exception_handler(Exception)\`, DRF exception
handlers; Django \`JsonResponse\` / \`HttpResponse*\`, DRF \`Response\`, Flask \`jsonify\`,
\`make_response\`, \`abort\` and \`(body, status)\` returns, FastAPI \`HTTPException(detail=...)\`.
In JavaScript: \`catch (err)\` blocks, promise \`.catch((err) => ...)\` callbacks and Express
error middleware \`(err, req, res, next)\`, answering through \`res.status(...).json/send(...)\`,
\`NextResponse.json\`, \`Response.json\` or a NestJS \`HttpException\`. The text is followed
through locals (\`msg = str(e)\`, \`data["error"] = msg\`).

Not flagged, because the message is meant for the client: validation errors
(\`ValidationError\`, DRF exceptions, \`e.detail\`, \`e.messages\`, \`e.errors()\`, zod/joi
\`err.errors\` / \`err.issues\` / \`err.details\`), exceptions the project defines itself (an
\`AppError\` whose text the app writes for users), branches guarded by \`instanceof\` such a
class, Stripe's \`e.user_message\`, and a specific built-in exception answered with an
explicit 4xx status (a parse error of the client's own input).

## Example
\`\`\`python
from django.http import JsonResponse

def create_order(request):
    try:
        order = place_order(request)
    except Exception as e:
        return JsonResponse({"error": str(e)}, status=500)
    return JsonResponse({"id": order.id})
\`\`\`

\`\`\`ts
import express from "express";
const app = express();

app.post("/orders", async (req, res) => {
  try {
    res.json(await placeOrder(req.body));
  } catch (err) {
    res.status(500).json({ error: err.message });
  }
});
\`\`\`

## Use instead
\`\`\`python
import logging

from django.http import JsonResponse

logger = logging.getLogger(__name__)

def create_order(request):
    try:
        order = place_order(request)
    except Exception:
        logger.exception("Unexpected error in create_order")
        return JsonResponse({"error": "Internal server error"}, status=500)
    return JsonResponse({"id": order.id})
\`\`\`

\`\`\`ts
import express from "express";
const app = express();

app.post("/orders", async (req, res) => {
  try {
    res.json(await placeOrder(req.body));
  } catch (err) {
    console.error(err);
    res.status(500).json({ error: "Internal server error" });
  }
});
\`\`\`

## Fix safety
Unsafe: the response text changes, and a client that parsed the exception's message
(rare, and fragile) would see the generic one. The fix replaces only the pieces that carry
the exception (request ids, error codes and the status stay; an f-string keeps its own
words: \`f"Payment failed: {e}"\` becomes \`"Payment failed"\`; a status held in a local,
\`res.status(status)\` or \`res.status(err.status || 500)\`, keeps the text of the app's own
4xx errors with \`status < 500 ? message : "Internal server error"\`), removes a local that only held
the text, and logs the exception first thing in the handler: Python \`logger.exception(...)\`
with the module's logger, creating \`logger = logging.getLogger(__name__)\` (and
\`import logging\`) when the module has none; JavaScript the logger in scope
(\`logger\`, \`this.logger\`, \`req.log\`) or \`console.error(err)\`, which prints the stack. A
handler that already logs the exception keeps its call (Python: \`exc_info=True\` is added
when it logs no traceback).

Two JavaScript shapes get no fix in bulk. A handler that answers every error with one
client status (\`res.status(400)\`) or Express' default 200 sends texts the app wrote for
its users ("This invitation has expired") beside internal ones, and only the author knows
which are which: \`shipguard fix\` lists it as needing input ("which errors are meant for
the client") and the editor offers the generic answer as a quick fix to edit; a webhook
handler, whose caller is the provider, is fixed as usual. And a body built before the code
that decides the status (\`let statusCode = 500; switch (err.type) ...\` after it) gets no
fix, as no test of the status can be written where the text goes in.

## How to verify
Make the handler's call raise with a recognisable message (a test double, a bad input):
the response body no longer contains it, the status is the same, and the log shows the
traceback (\`Traceback (most recent call last):\` / the \`Error:\` stack).

## References
- OWASP: Improper Error Handling (https://owasp.org/www-community/Improper_Error_Handling)
- CWE-209: Generation of Error Message Containing Sensitive Information
- Express: Error handling (https://expressjs.com/en/guide/error-handling.html)
`,
});
