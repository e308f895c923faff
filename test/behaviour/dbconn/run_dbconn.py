"""db-connection-reuse behaviour: how many PostgreSQL backends serve 20 requests, and how long
a connect to a database that never answers blocks, with the settings before and after the fix.

Each settings module runs in its own process (Django is set up once per process).
"""
import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

REQUESTS = 20
HANG_LIMIT = 12.0  # seconds we wait for a connect before calling it hung

URLS = '''
from django.db import connection
from django.http import JsonResponse
from django.urls import path


def pid(request):
    with connection.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        return JsonResponse({"pid": cur.fetchone()[0]})


urlpatterns = [path("pid/", pid)]
'''


def child(settings_dir, support_dir, mode):
    sys.path[:0] = [settings_dir, support_dir]
    os.environ["DJANGO_SETTINGS_MODULE"] = "settings"
    os.environ.setdefault("DJANGO_SECRET_KEY", "behaviour-suite-only")
    import django

    django.setup()
    if mode == "requests":
        import urllib.request
        from wsgiref.simple_server import WSGIRequestHandler, make_server

        from django.core.wsgi import get_wsgi_application

        class Quiet(WSGIRequestHandler):
            def log_message(self, *args):
                pass

        server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=Quiet)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        port = server.server_address[1]
        pids = []
        start = time.monotonic()
        for _ in range(REQUESTS):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/pid/", timeout=30) as r:
                pids.append(json.loads(r.read())["pid"])
        elapsed = time.monotonic() - start
        server.shutdown()
        print(json.dumps({"pids": len(set(pids)), "ms_per_request": round(elapsed * 1000 / REQUESTS, 2)}))
    else:
        from django.db import connection

        result = {}

        def connect():
            t = time.monotonic()
            try:
                connection.ensure_connection()
                result["outcome"] = "connected"
            except Exception as e:  # OperationalError on timeout
                result["outcome"] = type(e).__name__
            result["seconds"] = round(time.monotonic() - t, 1)

        th = threading.Thread(target=connect, daemon=True)
        th.start()
        th.join(HANG_LIMIT)
        if th.is_alive():
            result = {"outcome": "still blocked", "seconds": HANG_LIMIT}
        print(json.dumps(result))
        sys.stdout.flush()
        os._exit(0)


def run(settings_dir, support_dir, mode, env):
    out = subprocess.run(
        [sys.executable, __file__, "--child", settings_dir, "--support", support_dir, "--mode", mode],
        env=env, capture_output=True, text=True, timeout=120,
    )
    if out.returncode != 0:
        sys.stderr.write(out.stderr)
        raise SystemExit(f"child failed ({mode}, {settings_dir})")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--before")
    ap.add_argument("--after")
    ap.add_argument("--work")
    ap.add_argument("--child")
    ap.add_argument("--support")
    ap.add_argument("--mode")
    a = ap.parse_args()
    if a.child:
        child(a.child, a.support, a.mode)
        return
    support = tempfile.mkdtemp(dir=a.work)
    with open(os.path.join(support, "behaviour_urls.py"), "w") as f:
        f.write(URLS)
    # a "database" that completes the TCP handshake and never says a word
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    silent_port = str(silent.getsockname()[1])
    env = dict(os.environ)
    failures = []
    results = {}
    for label, folder in (("before", a.before), ("after", a.after)):
        req = run(folder, support, "requests", env)
        hang = run(folder, support, "hang", {**env, "PGPORT": silent_port})
        results[label] = (req, hang)
        print(f"{label}: {REQUESTS} requests used {req['pids']} PostgreSQL backend(s), {req['ms_per_request']} ms per request; "
              f"connect to a silent database: {hang['outcome']} after {hang['seconds']} s")
    (b_req, b_hang), (f_req, f_hang) = results["before"], results["after"]
    if b_req["pids"] != REQUESTS:
        failures.append(f"before: expected a new backend per request, got {b_req['pids']}")
    if f_req["pids"] != 1:
        failures.append(f"after: expected one reused backend, got {f_req['pids']}")
    if b_hang["outcome"] != "still blocked":
        failures.append(f"before: expected the connect to hang, got {b_hang}")
    if f_hang["outcome"] != "OperationalError" or not (3.0 <= f_hang["seconds"] <= 8.0):
        failures.append(f"after: expected an OperationalError after about 5 s, got {f_hang}")
    if failures:
        for m in failures:
            print(f"FAIL {m}")
        raise SystemExit(1)
    print("db-connection-reuse: ok")


if __name__ == "__main__":
    main()
