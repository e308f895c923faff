"""Runs the configuration cases (before or after their codemods) in the real frameworks and
prints what a browser would see, one JSON value per call:

  run_config.py cors <app.py> <origin>    the Access-Control-Allow-Origin answered to that origin ("-" for none)
  run_config.py csrf <app.py>             statuses of a form POST without a token, then with the page's token
  run_config.py django <site dir>         the attributes of the session and CSRF cookies Django sets at login

The code under test is loaded from the path given; nothing is copied or rewritten here.
"""
import importlib.util
import json
import os
import re
import sys


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cors(path, origin):
    app = load(path, "cors_case").app
    client = app.test_client()
    answer = client.get("/api/me", headers={"Origin": origin})
    preflight = client.options("/api/me", headers={"Origin": origin, "Access-Control-Request-Method": "GET"})
    return {
        "get": answer.headers.get("Access-Control-Allow-Origin", "-"),
        "preflight": preflight.headers.get("Access-Control-Allow-Origin", "-"),
        "credentials": answer.headers.get("Access-Control-Allow-Credentials", "-"),
        "status": answer.status_code,
    }


def csrf(path):
    app = load(path, "csrf_case").app
    client = app.test_client()
    client.get("/login")
    forged = client.post("/settings/email", data={"email": "attacker@example.com"})
    page = client.get("/settings").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]*)"', page).group(1)
    genuine = client.post("/settings/email", data={"email": "ada@example.com", "csrf_token": token})
    return {"without_token": forged.status_code, "with_token": genuine.status_code, "token_rendered": bool(token)}


def django(site):
    sys.path.insert(0, site)
    os.environ["DJANGO_SETTINGS_MODULE"] = "django_site.settings"
    import django as dj
    from django.test import Client

    dj.setup()
    response = Client().get("/login/")
    out = {}
    for name in ("sessionid", "csrftoken"):
        morsel = response.cookies.get(name)
        if morsel is None:
            out[name] = None
            continue
        out[name] = {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"]), "samesite": morsel["samesite"] or None}
    out["set_cookie"] = sorted(str(m.output(header="")).strip() for m in response.cookies.values())
    return out


if __name__ == "__main__":
    kind, *args = sys.argv[1:]
    print(json.dumps({"cors": cors, "csrf": csrf, "django": django}[kind](*args), sort_keys=True))
