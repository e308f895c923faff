"""JWT forgery, before and after the jwt-unverified codemod (PyJWT from Debian python3-jwt).

Before the fix an unsigned (alg: none) token and one signed with another key authenticate as
"admin"; after it both are refused and a token the app issued still passes.
usage: run_jwt.py --before auth.py --after fixed_auth.py
"""
import argparse
import importlib.util
import os
import sys

import jwt


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def accepts(mod, token):
    try:
        return mod.user_from_token(token)
    except jwt.PyJWTError:
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", required=True)
    args = ap.parse_args()
    os.environ["JWT_SIGNING_KEY"] = "behaviour-signing-key-0123456789abcdef"
    unsigned = jwt.encode({"sub": "admin"}, None, algorithm="none")
    other_key = jwt.encode({"sub": "admin"}, "attacker-key-0123456789abcdef0123", algorithm="HS256")
    failures = []
    for label, path, forged_ok in (("before", args.before, True), ("after", args.after, False)):
        mod = load(path, f"auth_{label}")
        valid = mod.issue("42")
        got = {"valid": accepts(mod, valid), "alg none": accepts(mod, unsigned), "other key": accepts(mod, other_key)}
        print(f"{label}: valid token -> {got['valid']!r}, alg none -> {got['alg none']!r}, other key -> {got['other key']!r}")
        if got["valid"] != "42":
            failures.append(f"{label}: a valid token was refused")
        for forged in ("alg none", "other key"):
            if (got[forged] == "admin") != forged_ok:
                failures.append(f"{label}: the {forged} token was {'refused' if forged_ok else 'accepted'}")
    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(1)
    print("jwt: forged tokens pass before the fix and are refused after it; valid tokens pass")


if __name__ == "__main__":
    main()
