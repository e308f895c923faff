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
the traceback; \`critical\` / \`fatal\` keep their level and get \`exc_info=True\`. The exception
interpolation is removed from the message (with the separator or label around it, such as
\`: \` or \`, error=\`), because the traceback's last line already shows it; the rest of the
text and the other arguments stay, so log grouping by message improves. When the message is
only the exception, it becomes \`"Unexpected error in <function>"\`. When the message cannot
be rewritten with confidence, the fix only adds \`exc_info=True\`. Loguru loggers get the
\`exception\` rewrite only when the message is an f-string or a concatenation.

## How to verify
Trigger the failure (a test that makes the call raise) and look at the log record: it now
carries \`exc_info\` and the formatted output shows \`Traceback (most recent call last):\`.
\`shipguard scan\` no longer reports the line.

## References
- Python logging: \`Logger.exception\` (https://docs.python.org/3/library/logging.html#logging.Logger.exception)
- Ruff TRY400 error-instead-of-exception
`,
});
