"""public-media-serving behaviour: GET /media/invoice.pdf with DEBUG off and on, for each urls
module before and after the fix. One process per run (Django settings are configured once)."""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def child(folder, module, debug, media):
    sys.path.insert(0, folder)
    from django.conf import settings

    settings.configure(
        DEBUG=debug, SECRET_KEY="behaviour-suite-only", ALLOWED_HOSTS=["testserver"],
        ROOT_URLCONF=module, MEDIA_URL="/media/", MEDIA_ROOT=media, INSTALLED_APPS=[], MIDDLEWARE=[],
    )
    import django

    django.setup()
    from django.test import Client

    r = Client().get("/media/invoice.pdf")
    body = b"".join(r.streaming_content) if r.streaming else r.content
    print(json.dumps({"status": r.status_code, "served": b"ACME invoice" in body}))


def main():
    ap = argparse.ArgumentParser()
    for a in ("--before", "--after", "--work", "--child", "--module", "--debug", "--media"):
        ap.add_argument(a)
    a = ap.parse_args()
    if a.child:
        child(a.child, a.module, a.debug == "1", a.media)
        return
    media = tempfile.mkdtemp(dir=a.work)
    with open(os.path.join(media, "invoice.pdf"), "wb") as f:
        f.write(b"%PDF-1.4 ACME invoice for customer 42")
    res = {}
    for label, folder in (("before", a.before), ("after", a.after)):
        for module in ("urls_serve", "urls_static"):
            for debug in ("0", "1"):
                out = subprocess.run([sys.executable, __file__, "--child", folder, "--module", module, "--debug", debug, "--media", media],
                                     capture_output=True, text=True, timeout=60)
                if out.returncode != 0:
                    sys.stderr.write(out.stderr)
                    raise SystemExit(f"child failed: {label} {module} DEBUG={debug}")
                r = json.loads(out.stdout.strip().splitlines()[-1])
                res[(label, module, debug)] = r
                print(f"{label:6} {module:11} DEBUG={'True ' if debug == '1' else 'False'}: {r['status']} {'(file served)' if r['served'] else ''}")
    want = {
        ("before", "urls_serve", "0"): True, ("after", "urls_serve", "0"): False,
        ("before", "urls_serve", "1"): True, ("after", "urls_serve", "1"): True,
        ("before", "urls_static", "0"): False, ("after", "urls_static", "0"): False,
        ("before", "urls_static", "1"): True, ("after", "urls_static", "1"): True,
    }
    bad = [k for k, v in want.items() if res[k]["served"] != v]
    for k in bad:
        print(f"FAIL {k}: served={res[k]['served']}, expected {want[k]}")
    if bad:
        raise SystemExit(1)
    print("public-media-serving: ok (serve stops serving uploads with DEBUG off; static() and development unchanged)")


if __name__ == "__main__":
    main()
