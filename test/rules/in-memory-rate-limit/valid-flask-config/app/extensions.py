# shipguard-test: no-findings
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

# storage comes from app.config["RATELIMIT_STORAGE_URI"] (config.py)
limiter = Limiter(key_func=get_remote_address)
