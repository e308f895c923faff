# shipguard-test: no-findings
import os
import time

import redis
from flask import Flask, jsonify, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

app = Flask(__name__)
app.config.from_prefixed_env()
limiter = Limiter(
    get_remote_address,
    app=app,
    default_limits=["200 per day", "50 per hour"],
    storage_uri=os.environ.get("LIMITER_REDIS_URL", "redis://redis:6379/0"),
    strategy="moving-window",
)
r = redis.Redis.from_url(os.environ["REDIS_URL"])

# module-level dicts that are configuration, not counters
LIMITS = {"login": "5 per minute", "signup": "3 per hour"}
RECENT_ERRORS = {}


@app.post("/login")
@limiter.limit(LIMITS["login"])
def login():
    return jsonify(ok=True)


@app.post("/signup")
@limiter.limit(LIMITS["signup"])
def signup():
    return jsonify(ok=True), 201


def rate_limit(key, limit=10, window=60):
    # counts in Redis, shared by every worker
    bucket = f"rl:{key}:{int(time.time() // window)}"
    count = r.incr(bucket)
    if count == 1:
        r.expire(bucket, window)
    return count <= limit


def check_attempts(username):
    # reads the module-level dict, never writes it
    return LIMITS.get("login"), RECENT_ERRORS.get(username)


@app.post("/password-reset")
def password_reset():
    if not rate_limit(request.remote_addr, limit=3, window=3600):
        return jsonify(error="too many requests"), 429
    return jsonify(ok=True)
