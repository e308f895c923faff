"""Command injection before and after the command-injection codemod (Python: subprocess, os.system,
asyncio.create_subprocess_shell, a Flask view).

Each helper is called on a temp folder with an ordinary value (it must work the same before and after
the fix) and with `x; touch <marker>`: before the fix the shell runs the second command and the marker
appears; after it the value is one argument of the program and no marker appears. A file name with a
space, which the shell splits before the fix, is one argument after it.

usage: python3 run_command.py --before tools.py --after fixed_tools.py --work DIR
"""
import argparse
import asyncio
import importlib.util
import os
import shutil
import subprocess
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


def attempt(call):
    try:
        return call()
    except (subprocess.CalledProcessError, OSError) as e:
        return f"{type(e).__name__}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    for label, path in (("before", args.before), ("after", args.after)):
        mod = load(path, f"tools_{label}")
        root = os.path.join(args.work, f"py-{label}")
        shutil.rmtree(root, ignore_errors=True)
        docs = os.path.join(root, "docs")
        os.makedirs(docs)
        for name, text in (("a.txt", "alpha\n"), ("b.txt", "beta\n"), ("my notes.txt", "notes\n")):
            with open(os.path.join(docs, name), "w") as f:
                f.write(text)
        injected = label == "before"

        def attack(what, call):
            marker = os.path.join(root, "pwned-" + "".join(c if c.isalnum() else "-" for c in what))
            got = attempt(lambda: call(f"x; touch {marker}"))
            ran = os.path.exists(marker)
            print(f"{label}: {what}('x; touch {os.path.basename(marker)}') -> {got!r}, marker {'created' if ran else 'absent'}")
            check(f"{label}: {what}: the injected command {'runs' if injected else 'does not run'}", ran == injected)

        listing = mod.list_folder(docs)
        print(f"{label}: list_folder(docs) -> {listing!r}")
        check(f"{label}: list_folder lists the folder", {"a.txt", "b.txt"} <= set(listing), repr(listing))
        attack("list_folder", mod.list_folder)
        note = mod.read_note(os.path.join(docs, "a.txt"))
        check(f"{label}: read_note reads a note", note == "alpha\n", repr(note))
        spaced = attempt(lambda: mod.read_note(os.path.join(docs, "my notes.txt")))
        print(f"{label}: read_note('my notes.txt') -> {spaced!r}")
        check(f"{label}: a file name with a space is {'split by the shell' if injected else 'one argument'}", (spaced != "notes\n") == injected, repr(spaced))
        attack("read_note", mod.read_note)
        check(f"{label}: greet echoes the name", mod.greet("Ada") == "hello Ada")
        attack("greet", mod.greet)
        check(f"{label}: greet_async (asyncio) echoes the name", asyncio.run(mod.greet_async("Ada")) == "hello Ada")
        attack("greet_async", lambda v: asyncio.run(mod.greet_async(v)))
        rc = mod.backup(os.path.join(docs, "b.txt"), os.path.join(root, "b.bak"))
        check(f"{label}: backup copies the file (exit status 0)", rc == 0 and open(os.path.join(root, "b.bak")).read() == "beta\n")
        attack("backup", lambda v: mod.backup(v, os.path.join(root, "c.bak")))
        # the Flask view, through Flask's test client
        mod.app.config["UPLOADS"] = docs
        client = mod.app.test_client()
        size = client.get("/uploads/size", query_string={"name": "a.txt"}).get_json()
        check(f"{label}: GET /uploads/size?name=a.txt answers the size", size == {"size": 6}, repr(size))
        attack("GET /uploads/size", lambda v: client.get("/uploads/size", query_string={"name": v}).get_json())
    if FAILURES:
        print(f"command: {len(FAILURES)} check(s) failed", file=sys.stderr)
        sys.exit(1)
    print("command (python): the injected command runs before the fix and not after it; ordinary values work the same")


if __name__ == "__main__":
    main()
