"""
Behaviour of the error-handling fixes against the real frameworks: each case module is
loaded as written (before) and as the codemod rewrote it (after), driven through the
framework's own test client, and the response body, status and captured logs compared.

usage: python3 run_errors.py --before DIR --after DIR
"""
import argparse
import importlib.util
import io
import json
import logging
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "django"))

FAILURES = []


def check(label, cond, detail=""):
    print(f"  {'ok  ' if cond else 'FAIL'} {label}{': ' + detail if detail and not cond else ''}")
    if not cond:
        FAILURES.append(label)


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class Capture:
    """Everything logged (with tracebacks) while the block runs, formatted like a log file."""

    def __enter__(self):
        self.stream = io.StringIO()
        self.handler = logging.StreamHandler(self.stream)
        self.handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
        root = logging.getLogger()
        root.addHandler(self.handler)
        self.level = root.level
        root.setLevel(logging.DEBUG)
        return self

    def __exit__(self, *exc):
        root = logging.getLogger()
        root.removeHandler(self.handler)
        root.setLevel(self.level)
        self.text = self.stream.getvalue()


def leak_case(label, before, after, call, secret):
    with Capture() as log_before:
        status_b, body_b = call(before)
    with Capture() as log_after:
        status_a, body_a = call(after)
    print(f"{label}:\n  before: {status_b} {body_b}\n  after:  {status_a} {body_a}")
    check(f"{label}: the body leaks the secret before the fix", secret in body_b)
    check(f"{label}: the body is generic after the fix", secret not in body_a, body_a)
    check(f"{label}: the status is unchanged", status_a == status_b, f"{status_b} -> {status_a}")
    check(f"{label}: the captured log holds the traceback after the fix", "Traceback (most recent call last)" in log_after.text and secret in log_after.text, log_after.text[-400:])
    return log_before


def flask_case(before_dir, after_dir):
    secret = "sk_live_FAKE0123456789abcdef"

    def call(mod):
        client = mod.app.test_client()
        r = client.post("/charge")
        return r.status_code, r.get_data(as_text=True)

    before = load(os.path.join(before_dir, "flask_app.py"), "flask_before")
    after = load(os.path.join(after_dir, "flask_app.py"), "flask_after")
    leak_case("Flask view", before, after, call, secret)


def setup_django():
    import django
    from django.conf import settings

    settings.configure(
        DEBUG=False,
        ALLOWED_HOSTS=["testserver"],
        INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "rest_framework", "shop"],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        ROOT_URLCONF="behaviour_urls",
        MIDDLEWARE=[],
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
        REST_FRAMEWORK={"DEFAULT_AUTHENTICATION_CLASSES": [], "DEFAULT_PERMISSION_CLASSES": [], "UNAUTHENTICATED_USER": None},
        LOGGING_CONFIG=None,
    )
    django.setup()
    from django.db import connection
    from shop import models

    with connection.schema_editor() as editor:
        editor.create_model(models.Event)


def set_urls(patterns):
    import types

    from django.urls import clear_url_caches

    mod = types.ModuleType("behaviour_urls")
    mod.urlpatterns = patterns
    sys.modules["behaviour_urls"] = mod
    clear_url_caches()


def drf_case(before_dir, after_dir):
    from django.test import Client
    from django.urls import path

    secret = "FAKE-db-pass-42"
    before = load(os.path.join(before_dir, "drf_views.py"), "drf_before")
    after = load(os.path.join(after_dir, "drf_views.py"), "drf_after")

    def call(mod):
        set_urls([path("sync", mod.sync)])
        r = Client(raise_request_exception=False).post("/sync")
        return r.status_code, r.content.decode()

    leak_case("DRF view", before, after, call, secret)


def django_missing_row_case(before_dir, after_dir):
    from django.test import Client
    from django.urls import path
    from shop.models import Event

    before = load(os.path.join(before_dir, "django_views.py"), "dj_before")
    after = load(os.path.join(after_dir, "django_views.py"), "dj_after")
    event = Event.objects.create(name="launch", capacity=10)
    results = {}
    for label, mod in (("before", before), ("after", after)):
        set_urls([path("events/<int:pk>", mod.event_detail)])
        client = Client(raise_request_exception=False)
        with Capture():
            found = client.get(f"/events/{event.pk}")
            missing = client.get("/events/999999")
        results[label] = (found.status_code, json.loads(found.content), missing.status_code)
        print(f"Django view, {label}: existing row {found.status_code} {found.content.decode()}, missing row {missing.status_code}")
    check("Django view: a missing row answers 500 before the fix", results["before"][2] == 500)
    check("Django view: a missing row answers 404 after the fix", results["after"][2] == 404)
    check("Django view: an existing row is answered the same", results["before"][:2] == results["after"][:2])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", required=True)
    args = ap.parse_args()
    flask_case(args.before, args.after)
    setup_django()
    drf_case(args.before, args.after)
    django_missing_row_case(args.before, args.after)
    if FAILURES:
        print(f"behaviour (errors): {len(FAILURES)} check(s) failed")
        sys.exit(1)
    print("behaviour (errors): all checks passed")


if __name__ == "__main__":
    main()
