"""Path traversal before and after the path-traversal codemod, in a Flask app (Debian python3-flask).

The app as written (before) and as the codemod rewrote it (after) serve the same requests through
Flask's test client: ordinary names upload and download the same; `../../` names write outside the
upload folder and read a file beside it before the fix, and neither after it.

usage: python3 run_paths.py --before flask_files.py --after fixed.py --work DIR
"""
import argparse
import importlib.util
import io
import os
import shutil
import sys

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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    for label, path in (("before", args.before), ("after", args.after)):
        escapes = label == "before"
        mod = load(path, f"flask_files_{label}")
        root = os.path.join(args.work, f"flask-{label}")
        shutil.rmtree(root, ignore_errors=True)
        uploads = os.path.join(root, "site", "uploads")
        os.makedirs(uploads)
        with open(os.path.join(root, "site", "secret.txt"), "w") as f:
            f.write("DATABASE_PASSWORD=hunter2\n")
        mod.app.config["UPLOAD_FOLDER"] = uploads
        client = mod.app.test_client()

        def upload(name, body):
            r = client.post("/upload", data={"file": (io.BytesIO(body), name)}, content_type="multipart/form-data")
            return r.status_code

        status = upload("report.txt", b"quarterly numbers\n")
        check(f"{label}: an ordinary upload is stored in the upload folder", status == 201 and open(os.path.join(uploads, "report.txt"), "rb").read() == b"quarterly numbers\n", str(status))
        status = upload("../../escaped.txt", b"written by the client\n")
        outside = os.path.join(root, "escaped.txt")
        print(f"{label}: upload '../../escaped.txt' -> {status}, {'written outside the upload folder' if os.path.exists(outside) else 'nothing outside the upload folder'}")
        check(f"{label}: an upload named ../../escaped.txt {'escapes' if escapes else 'stays inside'} the upload folder", os.path.exists(outside) == escapes)

        r = client.get("/download", query_string={"name": "report.txt"})
        check(f"{label}: an ordinary download is served", r.status_code == 200 and r.data == b"quarterly numbers\n", str(r.status_code))
        r = client.get("/download", query_string={"name": "../secret.txt"})
        print(f"{label}: GET /download?name=../secret.txt -> {r.status_code} {r.data[:40]!r}")
        check(f"{label}: /download?name=../secret.txt is {'served' if escapes else 'refused'}", (r.status_code == 200 and b"hunter2" in r.data) == escapes and (escapes or r.status_code == 404), str(r.status_code))

        r = client.get("/exports/report.txt")
        check(f"{label}: an ordinary export is served", r.status_code == 200 and r.data == b"quarterly numbers\n", str(r.status_code))
        r = client.get("/exports/..%2Fsecret.txt")
        print(f"{label}: GET /exports/..%2Fsecret.txt -> {r.status_code} {r.data[:40]!r}")
        check(f"{label}: /exports/..%2Fsecret.txt is {'served' if escapes else 'refused'}", (r.status_code == 200 and b"hunter2" in r.data) == escapes and (escapes or r.status_code == 404), str(r.status_code))
    if FAILURES:
        print(f"paths: {len(FAILURES)} check(s) failed", file=sys.stderr)
        sys.exit(1)
    print("paths (flask): ../ names escape the upload folder before the fix and are refused after it; ordinary names work the same")


if __name__ == "__main__":
    main()
