# shipguard-test: no-findings
from functools import wraps

from flask import abort
from flask_login import current_user


def require_admin(fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated or not current_user.is_admin:
            abort(403)
        return fn(*args, **kwargs)

    return wrapper
