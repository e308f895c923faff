import type { ProjectCheck, ProjectFinding } from '../engine/project';
import { LIMITER_NAME } from '../lang/endpoints/model';
import { anchor, backends, finding, label, shows } from './common';
import { djangoEntries, listNames } from './django';
import { texts, type Service } from './services';
import type { ProjectContext } from '../engine/project';

const ID = 'no-global-rate-limit';

/** `app.use(limiter)`, `app.use("/api", apiLimiter)`, `app.use(rateLimit({...}))`: a limiter for every route (of a top-level prefix). */
const JS_USE = /\.\s*use\s*\(\s*(?:["'`]\/[\w-]*\/?["'`]\s*,\s*)?([\w$.]+)\s*[,()]/g;
const NEST_GLOBAL = /provide\s*:\s*APP_GUARD\s*,\s*useClass\s*:\s*\w*Throttler\w*Guard|useGlobalGuards\s*\([^)]*Throttler/;
/** Rate limits in front of the app: nginx, a platform's WAF or gateway config in the repository. */
const PROXY_LIMIT = /\blimit_req(?:_zone)?\b|\brate_limit(?:ing)?\s*:|\bratelimit\s*:|RateLimit(?:Policy|Rule)|\bthrottle_burst_limit\b|x-kong-plugin-rate-limiting|rate-limiting/i;

function jsGlobal(ctx: ProjectContext, s: Service): boolean {
  for (const { text } of texts(ctx, s)) {
    if (NEST_GLOBAL.test(text)) return true;
    for (const m of text.matchAll(JS_USE)) {
      const name = m[1];
      if (LIMITER_NAME.test(name)) return true;
      // app.use(protect) where `const protect = rateLimit(...)` / `slowDown(...)` in the file
      const made = new RegExp(`\\b${name.replace(/[$.]/g, '\\$&')}\\s*=\\s*(?:await\\s+)?(?:new\\s+)?[\\w.]*(?:rateLimit|RateLimit|slowDown|limiter|Limiter)\\w*\\s*\\(`);
      if (made.test(text)) return true;
    }
  }
  return false;
}

export const globalRateLimit: ProjectCheck = {
  id: ID,
  title: 'No global API rate limit',
  family: 'throttling',
  severity: 'high',
  docs: `## What it checks
Each API backend should have a default request rate limit that applies to every endpoint, on
top of the stricter limits of sensitive endpoints (those are the \`unthrottled-sensitive-endpoint\`
rule's business). Counted as a global limit:
- Django REST framework: \`DEFAULT_THROTTLE_CLASSES\` (non-empty) in a production settings module
  (split settings counted together), or a rate-limit middleware in \`MIDDLEWARE\`;
- Flask: a flask-limiter \`Limiter(..., default_limits=[...])\` or \`RATELIMIT_DEFAULT\`;
  FastAPI: slowapi \`Limiter(default_limits=...)\`;
- Express / Koa / Fastify: \`app.use(limiter)\` (with no path or a top-level one such as \`"/api"\`),
  where the argument is named like a limiter or made by \`rateLimit(...)\` / \`slowDown(...)\` in
  the file; \`@fastify/rate-limit\` with \`global\` left on;
- NestJS: \`ThrottlerGuard\` as an \`APP_GUARD\` or through \`useGlobalGuards\`;
- a limit in front of the app that the repository configures (nginx \`limit_req\`, a gateway's rate-limiting plugin).
A plain Django site without DRF, and services whose framework is not listed, are not judged.
The finding is on the Django settings module (\`REST_FRAMEWORK\`), else on the module that makes the app.

## Why it matters
Without a default limit any endpoint can be hammered: scrapers walk the whole catalogue, a
script enumerates ids or coupon codes, one client's retry loop takes the database down for
everyone. Per-endpoint limits only cover the endpoints someone remembered.

## How to fix
Set a generous default and keep the strict per-endpoint ones:

\`\`\`python
REST_FRAMEWORK = {
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle", "rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": "100/min", "user": "1000/min"},
}
\`\`\`

\`app.use(rateLimit({ windowMs: 60_000, limit: 300, store: new RedisStore({...}) }))\` for Express.

## How to verify
Send more requests than the limit to any endpoint (\`for i in $(seq 400); do curl -s -o /dev/null -w "%{http_code}\\n" https://<host>/api/...; done\`): the last ones answer 429.`,
  run(ctx) {
    const out: ProjectFinding[] = [];
    for (const s of backends(ctx)) {
      if (shows(ctx, s, { config: PROXY_LIMIT })) continue;
      if (s.framework === 'django') {
        const entries = djangoEntries(ctx, s);
        const usesDrf = s.deps.has('djangorestframework') || entries.some((e) => e.top.effective.has('REST_FRAMEWORK') || (listNames(e.top, 'INSTALLED_APPS') ?? []).includes('rest_framework'));
        if (!usesDrf || !entries.length) continue;
        // a non-empty DEFAULT_THROTTLE_CLASSES anywhere in the service's code (settings split any way, env-driven values included)
        if (shows(ctx, s, { code: /DEFAULT_THROTTLE_CLASSES["']?\s*\]?\s*[:=]\s*(?![[(]\s*[\])])\S/ })) continue;
        if (entries.some((e) => (listNames(e.top, 'MIDDLEWARE') ?? []).some((m) => LIMITER_NAME.test(m)))) continue;
        // REST_FRAMEWORK built by a function call: not judged
        const rf = entries[0].top.effective.get('REST_FRAMEWORK');
        if (rf && !rf.text.trimStart().startsWith('{')) continue;
        out.push(finding(ID, `${label(s)} has no default API rate limit: \`REST_FRAMEWORK\` sets no \`DEFAULT_THROTTLE_CLASSES\`, so every endpoint without its own throttle takes unlimited requests`, anchor(ctx, s, 'REST_FRAMEWORK')));
        continue;
      }
      if (s.framework === 'flask' || s.framework === 'fastapi') {
        if (shows(ctx, s, { code: /\b(?:default_limits|application_limits)\s*=\s*\[\s*[^\]\s]|\bRATELIMIT_DEFAULT\b|\bRATELIMIT_APPLICATION\b/ })) continue;
        out.push(finding(ID, `${label(s)} has no default rate limit (no \`Limiter(default_limits=[...])\`): every route without its own \`@limiter.limit\` takes unlimited requests`, anchor(ctx, s)));
        continue;
      }
      if (s.framework === 'express' || s.framework === 'nest' || s.framework === 'koa') {
        if (jsGlobal(ctx, s)) continue;
        out.push(finding(ID, `${label(s)} has no app-wide rate limit (no \`app.use(limiter)\`): every route without its own limiter takes unlimited requests`, anchor(ctx, s)));
        continue;
      }
      if (s.framework === 'fastify') {
        if (shows(ctx, s, { code: /@fastify\/rate-limit|fastify-rate-limit/ })) continue;
        out.push(finding(ID, `${label(s)} registers no \`@fastify/rate-limit\`: every route takes unlimited requests`, anchor(ctx, s)));
      }
    }
    return out;
  },
};
