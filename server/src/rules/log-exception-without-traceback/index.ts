import { defineRule } from '../../engine/types';
import { python } from './python';

export default defineRule({
  id: 'log-exception-without-traceback',
  family: 'error-handling',
  severity: 'warning',
  languages: ['python'],
  fix: { availability: 'sometimes', maxApplicability: 'safe', title: 'Log the exception with its traceback' },
  python,
  docs: `## What it does
Flags \`logger.error(...)\` and \`logger.critical(...)\` calls in an \`except ... as e:\` block that put the text of \`e\` into the message but not its traceback.

## Why is this bad?
\`f"Charge failed: {e}"\` keeps one line of text (often just \`'id'\` for a \`KeyError\` or
\`None\`) and throws away the stack: which call failed, with which arguments, through which
code path. The production incident then starts with "cannot reproduce". \`logger.exception(...)\`
(or \`exc_info=True\`) attaches the full traceback, which Sentry, CloudWatch and every log
aggregator group and display, and it already ends with the exception's text.

Loggers are recognised through bindings: the \`logging\` module and \`logging.getLogger(...)\`
(aliases, \`from logging import getLogger\`, \`self.logger = ...\`), \`LoggerAdapter\`, Celery
\`get_task_logger\`, Flask \`app.logger\` / \`current_app.logger\`, structlog and loguru, and
receivers named like a logger (\`logger\`, \`log\`, \`audit_logger\`, \`self.logger\`) when they come
from elsewhere. Other \`.error\` methods (\`messages.error(request, ...)\` in Django,
\`form.add_error(...)\`) are not loggers and are never flagged. \`logger.warning\` is not flagged:
logging an expected, handled failure as a warning without its stack is a legitimate choice.
A handler that re-raises the exception (\`raise\` / \`raise e\`) is not flagged either: the
traceback travels with the exception.

Handlers of invalid input are left alone: \`except re.error\` (also \`regex.error\`), a JSON
decode error, a Django / DRF / pydantic / jsonschema / marshmallow \`ValidationError\`, a
dateutil \`ParserError\`, a Jinja2 or Django template syntax error, alone or beside \`ValueError\` / \`TypeError\` (\`except (regex.error,
ValueError)\`). Such an exception is raised by the one parser or validator the \`try\` called,
on input that was bad (a user-supplied pattern or template, a request body): its text is what the log
needs, and a traceback into the parser is noise for an expected, handled condition. A bare
\`except ValueError\` is still flagged, because it can come from anywhere below the call.

## Example
\`\`\`python
import logging

logger = logging.getLogger(__name__)

def charge(order):
    try:
        order.charge()
    except Exception as e:
        logger.error(f"Charge failed for order {order.id}: {e}")
\`\`\`

## Use instead
\`\`\`python
import logging

logger = logging.getLogger(__name__)

def charge(order):
    try:
        order.charge()
    except Exception:
        logger.exception(f"Charge failed for order {order.id}")
\`\`\`

## Fix safety
Safe. \`logger.error\` becomes \`logger.exception\`, which logs at the same ERROR level and adds
the traceback; \`critical\` / \`fatal\` keep their level and get \`exc_info=True\`. The exception's
text is removed from the message together with the separator or label that introduced it
(\`: \`, \` - \`, \`, error=\`, \` because: \`, brackets around it), because the traceback's last
line already shows it; every other word, placeholder and argument stays:
\`f"Failed to move {src} to {dst}: {e}. Skipping cleanup!"\` becomes
\`f"Failed to move {src} to {dst}. Skipping cleanup!"\`. This works through f-strings and their
implicit concatenation, \`%\` and \`.format(...)\` formatting, logger \`%s\` arguments, \`+\`
concatenation and both branches of a conditional expression. Details of the exception that
the traceback does not show (\`e.code\`, \`e.errno\`) stay in the message.

When the message cannot be rewritten with confidence (it is only the exception, as in
\`logger.error(str(e))\`, or is built elsewhere or by a call), it is kept word for word and
the call only gains \`exc_info=True\`; no message is invented. When the rewrite removes the
last use of the \`except ... as e\` name, \`as e\` goes too, so no unused variable (pyflakes
F841) is left behind. Loguru loggers get the \`exception\` rewrite only when the message is
an f-string or a concatenation.

The fix is unsafe when a test of the project asserts on the message in a way the rewrite
breaks: a test file (\`test_*.py\`, \`*_test.py\`, \`tests.py\`) whose string holds text of the
message the rewrite drops (\`assertIn("Failed for account {a}: boom", cm.output[0])\`), or that
checks calls of a mocked logger method (\`log.error.assert_called_once_with(...)\`). A test
that looks for a part the fix keeps does not change anything.

## How to verify
Trigger the failure (a test that makes the call raise) and look at the log record: it now
carries \`exc_info\` and the formatted output shows \`Traceback (most recent call last):\`.
\`shipguard scan\` no longer reports the line.

## References
- Python logging: \`Logger.exception\` (https://docs.python.org/3/library/logging.html#logging.Logger.exception)
- Ruff TRY400 error-instead-of-exception
`,
});
