import type { ProjectCheck, ProjectFinding } from '../engine/project';
import { anchor, backends, finding, label, shows } from './common';

const ID = 'no-error-tracking';

/** An error tracker set up in code. */
const INIT_CODE = /\bsentry_sdk\s*\.\s*init\s*\(|\bSentry\s*\.\s*init\s*\(|\bSentryModule\s*\.\s*forRoot|from\s+["']@sentry\/|require\(\s*["']@sentry\/|\braven\b.*\b(?:Client|install|config)\b|RAVEN_CONFIG|\bimport\s+rollbar\b|\brollbar\s*\.\s*init\s*\(|new\s+Rollbar\s*\(|ROLLBAR\s*=|\bbugsnag\b|Bugsnag\s*\.\s*start|\bhoneybadger\b|Honeybadger\s*\.\s*configure|\bimport\s+newrelic\b|require\(\s*["']newrelic["']\s*\)|from\s+["']newrelic["']|\bddtrace\b|require\(\s*["']dd-trace["']\s*\)|from\s+["']dd-trace["']|\belasticapm\b|elastic-apm-node|\bairbrake\b|\bappsignal\b|@appsignal\/|\bscout_apm\b|\bopbeat\b|\bhighlight\.io\b|@highlight-run\/|\bopentelemetry\b|@opentelemetry\//i;
/** An agent started from the command line or image. */
const INIT_CONFIG = /ddtrace-run|newrelic-admin|--require\s+["']?(?:dd-trace\/init|newrelic|@sentry\/|elastic-apm-node\/start)|--import\s+["']?\S*(?:instrument|sentry)|opentelemetry-instrument|SENTRY_DSN|NEW_RELIC_LICENSE_KEY|DD_API_KEY|ROLLBAR_ACCESS_TOKEN|BUGSNAG_API_KEY|HONEYBADGER_API_KEY/;

export const errorTracking: ProjectCheck = {
  id: ID,
  title: 'No error tracking',
  family: 'error-handling',
  severity: 'medium',
  docs: `## What it checks
Each backend service should report its unhandled exceptions to an error tracker. A service is
reported when no source file (test code aside) sets one up (\`sentry_sdk.init\`, \`Sentry.init\`, an
\`@sentry/*\` import, Rollbar, Bugsnag, Honeybadger, New Relic, Datadog \`ddtrace\` / \`dd-trace\`,
Elastic APM, Airbrake, AppSignal, OpenTelemetry) and no deployment file (Procfile, Dockerfile,
YAML, \`.env\` templates, package.json scripts) starts an agent (\`ddtrace-run\`, \`newrelic-admin\`,
\`--require dd-trace/init\`) or sets a tracker's key (\`SENTRY_DSN\`). The finding is on the
Django settings module or the module that makes the app. A tracker in the frontend does not
count for the backend.

## Why it matters
Without a tracker, a 500 is a line in a log nobody reads: failed checkouts, broken webhooks and
crashing background jobs are learned from users, without the stack trace, the request or how
many were hit.

## How to fix
Initialise a tracker where the app starts, with its key from the environment:

\`\`\`python
import sentry_sdk
sentry_sdk.init(dsn=os.environ.get("SENTRY_DSN"), traces_sample_rate=0.1, send_default_pii=False)
\`\`\`

(\`Sentry.init({ dsn: process.env.SENTRY_DSN })\` in an \`instrument.ts\` loaded first for Node.)

## How to verify
Raise an exception in a throwaway route on staging and see the event arrive in the tracker.`,
  run(ctx) {
    const out: ProjectFinding[] = [];
    for (const s of backends(ctx)) {
      if (shows(ctx, s, { code: INIT_CODE, config: INIT_CONFIG })) continue;
      out.push(finding(ID, `${label(s)} initialises no error tracker (Sentry, Rollbar, Bugsnag, Datadog...): unhandled exceptions in production are seen by users before anyone on the team`, anchor(ctx, s, 'INSTALLED_APPS')));
    }
    return out;
  },
};
