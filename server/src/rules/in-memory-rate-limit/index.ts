import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'in-memory-rate-limit',
  family: 'throttling',
  severity: 'warning',
  languages: ['python', 'javascript', 'typescript'],
  fix: { availability: 'sometimes', maxApplicability: 'unsafe', title: 'Keep the rate-limit counters in Redis' },
  python,
  js,
  docs: `## What it does
Flags rate limiters that count in one process's memory, so that every worker and every instance allows the whole limit on its own.

## Why is this bad?
Production runs several processes: gunicorn workers, Node cluster workers, replicas behind a
load balancer. A counter in memory belongs to one of them, so with 4 workers a "5 per minute"
login limit lets 20 attempts through, and every deploy or restart resets it. The limit looks
enforced in development (one process) and is not in production.

What counts:
- flask-limiter: \`Limiter(...)\` without \`storage_uri\` (unless the project's config sets
  \`RATELIMIT_STORAGE_URI\`) or with \`storage_uri="memory://"\`.
- DRF: \`DEFAULT_THROTTLE_CLASSES\` in a settings module while no settings module of the project
  (split settings included) gives \`CACHES["default"]\` a shared backend. Django's default cache
  is LocMemCache, one per process.
- A function named like a rate limiter (\`rate_limit\`, \`throttle\`, \`check_attempts\`) that writes
  a module-level \`dict\`, \`defaultdict\` or \`Counter\`.
- express-rate-limit and express-slow-down called with an options object that has no \`store\`
  (options in a variable or spread from one may carry it and are not flagged), and
  rate-limiter-flexible's \`RateLimiterMemory\`.

## Example
\`\`\`python
from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

app = Flask(__name__)
limiter = Limiter(get_remote_address, app=app, default_limits=["100 per hour"])
\`\`\`

\`\`\`ts
import rateLimit from 'express-rate-limit';

export const loginLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 5 });
\`\`\`

## Use instead
\`\`\`python
import os

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

app = Flask(__name__)
limiter = Limiter(get_remote_address, app=app, default_limits=["100 per hour"], storage_uri=os.environ["REDIS_URL"])
\`\`\`

\`\`\`ts
import rateLimit from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import { createClient } from 'redis';

const redisClient = createClient({ url: process.env.REDIS_URL });
redisClient.connect();

export const loginLimiter = rateLimit({
  windowMs: 15 * 60 * 1000,
  limit: 5,
  store: new RedisStore({ prefix: 'rl:loginLimiter:', sendCommand: (...args: string[]) => redisClient.sendCommand(args) }),
});
\`\`\`

## Fix safety
Unsafe: the app then needs a Redis server and the \`REDIS_URL\` variable (\`os.environ[...]\` fails at
start when it is missing rather than silently counting in memory again). flask-limiter gets
\`storage_uri=os.environ["REDIS_URL"]\` (the \`redis\` package must be installed); a DRF settings module
without \`CACHES\` gets Django's \`RedisCache\` (Django 4.0 or later) at \`REDIS_URL\`; express-rate-limit
gets a \`rate-limit-redis\` store on a \`redis\` client (two new dependencies), with a key prefix of its own
(limiters sharing a prefix would add up each other's hits). A LocMemCache that is
configured on purpose, \`RateLimiterMemory\` and dict counters are reported without a fix.

## How to verify
Start two app processes behind the same Redis and send the limit's worth of requests to each:
before the fix both answer them all (twice the limit); after it, the requests over the limit get
\`429\` whichever process answers.

## References
- Flask-Limiter: Configuring a storage backend (https://flask-limiter.readthedocs.io/en/stable/#configuring-a-storage-backend)
- Django REST framework: Throttling, "Setting up the cache"
- express-rate-limit: Stores; rate-limit-redis
`,
});
