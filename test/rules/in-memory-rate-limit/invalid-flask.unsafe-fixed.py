import os
import time
from collections import Counter, defaultdict

import flask_limiter
from flask import Flask
from flask_limiter import Limiter
from flask_limiter import Limiter as RateLimiter
from flask_limiter.util import get_remote_address

app = Flask(__name__)
limiter = Limiter(get_remote_address, app=app, default_limits=["200 per day"], storage_uri=os.environ["REDIS_URL"])  # expect: in-memory-rate-limit
api_limiter = Limiter(key_func=get_remote_address, storage_uri=os.environ["REDIS_URL"])  # expect: in-memory-rate-limit
admin_limiter = RateLimiter(get_remote_address, storage_uri=os.environ["REDIS_URL"])  # expect: in-memory-rate-limit
legacy = flask_limiter.Limiter(  # expect: in-memory-rate-limit
    get_remote_address,
    app=app,
    storage_uri=os.environ["REDIS_URL"],
)

ATTEMPTS = defaultdict(list)
_hits = {}
FAILED = Counter()


def check_rate_limit(ip, limit=5, window=60):  # expect: in-memory-rate-limit
    now = time.time()
    ATTEMPTS[ip] = [t for t in ATTEMPTS[ip] if now - t < window]
    if len(ATTEMPTS[ip]) >= limit:
        return False
    ATTEMPTS[ip].append(now)
    return True


def throttle(ip):  # expect: in-memory-rate-limit
    _hits[ip] = _hits.get(ip, 0) + 1
    return _hits[ip] <= 10


def record_login_attempt(username):  # expect: in-memory-rate-limit
    FAILED[username] += 1
