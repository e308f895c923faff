import type { ProjectCheck, ProjectFinding } from '../engine/project';
import { anchor, backends, finding, label, shows } from './common';

const ID = 'no-health-endpoint';

/** A route path whose last segment names a health or readiness probe. */
const NAMES = String.raw`_?(?:health|healthz|healthcheck|health[-_]check|health[-_]?status|ready|readyz|readiness|live|livez|liveness|alive|ping|status|heartbeat|up)`;
/** A route path (`/health`, `/api/v1/healthz`, Django's `healthz/`, `^ping/$`) whose last segment names a probe: a bare word (`"status"`) is not a path. */
const HEALTH_PATH = new RegExp(String.raw`["'\`](?:\^?\/(?:[\w-]+\/){0,3}${NAMES}\/?|\^?(?:[\w-]+\/){0,3}${NAMES}\/)\$?["'\`]`, 'i');
/** Packages that serve a health endpoint. */
const HEALTH_DEPS = /^(django-health-check|django-healthchecks|django-alive|django-watchman|django-healthz|flask-healthz|healthcheck|py-healthcheck|fastapi-health|starlette-health|@godaddy\/terminus|@nestjs\/terminus|express-healthcheck|express-actuator|@cloudnative\/health-connect|lightship|fastify-healthcheck|@fastify\/under-pressure)$/;
const HEALTH_CODE = /\bhealth_check\b|\bwatchman\b|\bterminus\b|\bTerminusModule\b|HealthCheckController|createTerminus/;

export const healthEndpoint: ProjectCheck = {
  id: ID,
  title: 'No health-check endpoint',
  family: 'performance-operations',
  severity: 'high',
  docs: `## What it checks
Each backend service of the workspace (a Django, Flask, FastAPI, Express, NestJS, Koa, Fastify or hapi
app found in its code) should serve a health-check route: a route path such as \`/health\`,
\`/healthz\`, \`/ready\`, \`/livez\`, \`/ping\` or \`/status\` (under any prefix, \`/api/v1/health\`),
or a package that serves one (django-health-check, django-watchman, @godaddy/terminus,
@nestjs/terminus...). A service whose code and dependencies show neither is reported once, on
the module that makes the app (Flask(...), express(), NestFactory.create) or its Django settings
module. Test code is not read.

## Why it matters
Load balancers, Kubernetes probes, uptime monitors and platform deploys (DigitalOcean, Render,
Fly) decide whether an instance takes traffic by polling a health URL. Without one a deploy that
cannot reach its database still receives requests, and an outage is found by users first.

## How to fix
Add a cheap route that checks what the app needs to answer (the database, the cache) and returns
200, or 503 when a dependency is down:

\`\`\`python
@app.get("/health")
def health():
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}
\`\`\`

then point the platform's health check at it.

## How to verify
\`curl -i https://<host>/health\` answers 200; stop the database and it answers 503.`,
  run(ctx) {
    const out: ProjectFinding[] = [];
    for (const s of backends(ctx)) {
      if (shows(ctx, s, { deps: HEALTH_DEPS, code: new RegExp(`${HEALTH_PATH.source}|${HEALTH_CODE.source}`, 'i') })) continue;
      out.push(finding(ID, `${label(s)} serves no health-check route (\`/health\`, \`/healthz\`, \`/ready\`...): load balancers and uptime monitors cannot tell a broken instance from a working one`, anchor(ctx, s, 'ROOT_URLCONF')));
    }
    return out;
  },
};
