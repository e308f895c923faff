# shipguard-test: no-findings
import os
from collections import defaultdict

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

app = Flask(__name__)
limiter = Limiter(get_remote_address, app=app, storage_uri=os.environ["REDIS_URL"])
cache_limiter = Limiter(get_remote_address, storage_uri="redis://localhost:6379/1")
options = {"storage_uri": os.environ["REDIS_URL"]}
configured = Limiter(get_remote_address, **options)

STATS = defaultdict(int)


def record_page_view(path):
    # not a rate limiter: analytics in memory are fine
    STATS[path] += 1


def check_rate_limit(ip):
    # counts in a local dict: nothing survives the call
    seen = {}
    seen[ip] = 1
    return True


def throttle_status(ip):
    # only reads
    return STATS.get(ip, 0)
