"""JSON-file persistence: users.json and usage.json next to the app."""
import json
import logging
import os
import tempfile

from filelock import FileLock

logger = logging.getLogger(__name__)

DATA_DIR = os.environ.get("BILLING_DATA_DIR", os.path.join(os.path.dirname(__file__), "data"))
USERS_FILE = os.path.join(DATA_DIR, "users.json")
USAGE_FILE = os.path.join(DATA_DIR, "usage.json")


def load_users():
    try:
        with open(USERS_FILE) as f:
            return json.load(f)
    except FileNotFoundError:
        return {}


def save_users(users):
    with open(USERS_FILE, "w") as f:
        json.dump(users, f, indent=2)


def add_credits(email, credits):
    with open(USERS_FILE) as f:
        users = json.load(f)
    user = users.setdefault(email, {"credits": 0})
    user["credits"] = user.get("credits", 0) + credits
    with open(USERS_FILE, "w") as f:
        json.dump(users, f, indent=2)
    return user["credits"]


def record_usage(email, units):
    """Counts metered usage; called from every API worker."""
    with FileLock(f"{USAGE_FILE}.lock", timeout=10):
        try:
            with open(USAGE_FILE) as f:
                usage = json.load(f)
        except FileNotFoundError:
            usage = {}
        usage[email] = usage.get(email, 0) + units
        fd, tmp_path = tempfile.mkstemp(dir=DATA_DIR, suffix=".tmp")
        with os.fdopen(fd, "w") as f:
            json.dump(usage, f)
        os.replace(tmp_path, USAGE_FILE)
