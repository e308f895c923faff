# shipguard-test: no-findings
import fcntl
import json
import os
from filelock import FileLock

USERS_FILE = "users.json"
lock = FileLock(USERS_FILE + ".lock")


# 1. FileLock around the read-modify-write
def register(email):
    with FileLock(f"{USERS_FILE}.lock"):
        with open(USERS_FILE) as f:
            users = json.load(f)
        users[email] = {}
        with open(USERS_FILE, "w") as f:
            json.dump(users, f)


# 2. a module-level lock object
def remove(email):
    with lock:
        with open(USERS_FILE) as f:
            users = json.load(f)
        users.pop(email, None)
        with open(USERS_FILE, "w") as f:
            json.dump(users, f)


# 3. fcntl.flock
def append(entry):
    with open("log.json", "r+") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        data = json.load(f)
        data.append(entry)
        f.seek(0)
        json.dump(data, f)


# 4. different files: read a template, write an output
def render(config_path, out_path):
    with open(config_path) as f:
        config = json.load(f)
    config["rendered"] = True
    with open(out_path, "w") as f:
        json.dump(config, f)


# 5. only reading
def load_users():
    with open(USERS_FILE) as f:
        return json.load(f)


# 6. only writing (a snapshot, no read-modify-write)
def save_snapshot(data):
    with open("snapshot.json", "w") as f:
        json.dump(data, f)


# 7. write before read (reset then verify)
def reset():
    with open(USERS_FILE, "w") as f:
        json.dump({}, f)
    with open(USERS_FILE) as f:
        return json.load(f)


# 8. in-memory JSON, no file
def roundtrip(payload):
    data = json.loads(payload)
    data["seen"] = True
    return json.dumps(data)
