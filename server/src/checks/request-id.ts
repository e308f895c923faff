import type { ProjectCheck, ProjectFinding } from '../engine/project';
import { anchor, backends, finding, label, shows } from './common';

const ID = 'no-request-id';

const REQUEST_ID_DEPS = /^(django-guid|django-request-id|django-log-request-id|django-cid|django-correlation-id|django-requestlogs|asgi-correlation-id|starlette-context|flask-request-id|flask-request-id-header|flask-log-request-id|express-request-id|cls-rtracer|correlation-id|express-correlation-id|@tsed\/request-id|nestjs-cls|nestjs-pino|pino-http|express-pino-logger|hono-request-id|koa-requestid|@fastify\/request-context|request-ip-id|@opentelemetry\/.*)$/;
/** Code that reads or sets a request-id header, or uses a correlation-id library. */
const REQUEST_ID_CODE = /x[-_]request[-_]id|x[-_]correlation[-_]id|x[-_]amzn[-_]trace[-_]id|\btraceparent\b|\bgenReqId\b|\brequestId\s*:|correlation_id|django_guid|log_request_id|asgi_correlation_id|CorrelationIdMiddleware|RequestIDMiddleware|RequestIdMiddleware|rTracer|@opentelemetry\/|\bopentelemetry\b/i;

export const requestId: ProjectCheck = {
  id: ID,
  title: 'No request-id middleware',
  family: 'performance-operations',
  severity: 'medium',
  docs: `## What it checks
Each backend service should give every request an id, return it (\`X-Request-ID\`) and put it in
its logs. A service is reported when none of its dependencies is a request-id or correlation-id
package (django-guid, django-request-id, django-log-request-id, asgi-correlation-id,
flask-request-id, express-request-id, cls-rtracer, pino-http, nestjs-cls, OpenTelemetry) and no
source file (test code aside) reads or sets a request-id header (\`X-Request-ID\`,
\`X-Correlation-ID\`, \`traceparent\`) or configures one (\`genReqId\`). The finding is on the Django
settings module's \`MIDDLEWARE\`, else on the module that makes the app.

## Why it matters
When a user reports "my payment failed at 14:02", the logs of a busy service interleave hundreds
of requests; without an id per request nobody can pull out the lines of that one request, or
follow it from the load balancer through the app into a worker.

## How to fix
Install a middleware that takes the incoming \`X-Request-ID\` (or makes one), stores it for the
request, returns it, and adds it to every log record: \`django-guid\` / \`asgi-correlation-id\`
(Python), \`express-request-id\` or \`pino-http\` (Node).

\`\`\`js
import { randomUUID } from "node:crypto";
app.use((req, res, next) => { req.id = req.get("x-request-id") ?? randomUUID(); res.set("X-Request-ID", req.id); next(); });
\`\`\`

## How to verify
\`curl -i\` any route: the response carries \`X-Request-ID\`, and the app's log lines for it show the same id.`,
  run(ctx) {
    const out: ProjectFinding[] = [];
    for (const s of backends(ctx)) {
      if (shows(ctx, s, { deps: REQUEST_ID_DEPS, code: REQUEST_ID_CODE })) continue;
      out.push(finding(ID, `${label(s)} has no request-id middleware (nothing sets or logs \`X-Request-ID\`): the log lines of one failing request cannot be told apart from the others`, anchor(ctx, s, 'MIDDLEWARE')));
    }
    return out;
  },
};
