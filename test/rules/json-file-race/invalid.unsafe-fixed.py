import json
import os
import tempfile
from pathlib import Path

from filelock import FileLock
from flask import Flask, jsonify, request

app = Flask(__name__)
DATA_DIR = os.path.join(os.path.dirname(__file__), "data")
USERS_FILE = os.path.join(DATA_DIR, "users.json")
PAYMENTS = Path(DATA_DIR) / "payments.json"


# 1. the seed's shape: with open / json.load ... with open("w") / json.dump
@app.route("/register", methods=["POST"])
def register():
    with FileLock(f"{USERS_FILE}.lock"):
        with open(USERS_FILE, "r") as f:
            users = json.load(f)  # expect: json-file-race
        users[request.json["email"]] = {"plan": "free"}
        with tempfile.NamedTemporaryFile("w", dir=os.path.dirname(os.path.abspath(USERS_FILE)), delete=False) as f:
            json.dump(users, f, indent=2)
        os.replace(f.name, USERS_FILE)
    return jsonify({"ok": True})


# 2. a path built in the function, string literal quotes kept
def record_payment(customer_id, amount):
    path = os.path.join(DATA_DIR, f"{customer_id}.json")
    with FileLock(f"{path}.lock"):
        with open(path) as fh:
            payments = json.load(fh)  # expect: json-file-race
        payments.append({"amount": amount})
        if amount > 0:
            payments.sort(key=lambda p: p["amount"])
        with tempfile.NamedTemporaryFile("w", dir=os.path.dirname(os.path.abspath(path)), delete=False, encoding="utf-8") as fh:
            json.dump(payments, fh)
        os.replace(fh.name, path)


# 3. inline open() calls
def bump_counter():
    data = json.load(open("counter.json"))  # expect: json-file-race
    data["count"] += 1
    json.dump(data, open("counter.json", "w"))


# 4. pathlib read_text / write_text
def add_subscription(sub):
    subs = json.loads(PAYMENTS.read_text())  # expect: json-file-race
    subs.append(sub)
    PAYMENTS.write_text(json.dumps(subs))


# 5. a method of a store class, attribute path
class ClientStore:
    def __init__(self, path):
        self.path = path

    def add(self, client):
        with FileLock(f"{self.path}.lock"):
            with open(self.path) as f:
                clients = json.load(f)  # expect: json-file-race
            clients.append(client)
            with tempfile.NamedTemporaryFile("w", dir=os.path.dirname(os.path.abspath(self.path)), delete=False) as f:
                json.dump(clients, f)
            os.replace(f.name, self.path)


# 6. read through open().read()
def activate(user_id):
    with FileLock(f"{USERS_FILE}.lock"):
        users = json.loads(open(USERS_FILE).read())  # expect: json-file-race
        users[user_id]["active"] = True
        with tempfile.NamedTemporaryFile("w", dir=os.path.dirname(os.path.abspath(USERS_FILE)), delete=False) as out:
            json.dump(users, out)
        os.replace(out.name, USERS_FILE)


# 7. inside a try block
def log_event(event):
    with FileLock("events.json.lock"):
        try:
            with open("events.json") as f:
                events = json.load(f)  # expect: json-file-race
        except FileNotFoundError:
            events = []
        events.append(event)
        with tempfile.NamedTemporaryFile("w", dir=os.path.dirname(os.path.abspath("events.json")), delete=False) as f:
            json.dump(events, f)
        os.replace(f.name, "events.json")


# 8. a threading lock does not stop other processes
import threading

_lock = threading.Lock()


def remove_user(email):
    with _lock:
        with FileLock(f"{USERS_FILE}.lock"):
            with open(USERS_FILE) as f:
                users = json.load(f)  # expect: json-file-race
            users.pop(email, None)
            with tempfile.NamedTemporaryFile("w", dir=os.path.dirname(os.path.abspath(USERS_FILE)), delete=False) as f:
                json.dump(users, f)
            os.replace(f.name, USERS_FILE)
