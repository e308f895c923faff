"""
JSON file race, Python: several processes append entries to one JSON file
through the case module, before and after the json-file-race codemod.

usage: python3 run_json.py --before FILE --after FILE --dir TMPDIR
"""
import argparse
import importlib.util
import json
import multiprocessing as mp
import os
import sys

PROCS = 6
PER_PROC = 40


def worker(module_path, ledger, proc, errors):
    os.environ["LEDGER_PATH"] = ledger
    spec = importlib.util.spec_from_file_location("ledger_case", module_path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    for i in range(PER_PROC):
        try:
            mod.append_entry({"proc": proc, "i": i})
        except Exception:  # noqa: BLE001 - a torn read counts as a failure
            with errors.get_lock():
                errors.value += 1


def run(module_path, ledger):
    with open(ledger, "w") as f:
        json.dump([], f)
    errors = mp.Value("i", 0)
    procs = [mp.Process(target=worker, args=(module_path, ledger, p, errors)) for p in range(PROCS)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    try:
        with open(ledger) as f:
            entries = len(json.load(f))
    except ValueError:
        entries = -1
    return entries, errors.value


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", required=True)
    ap.add_argument("--dir", required=True)
    a = ap.parse_args()
    total = PROCS * PER_PROC
    failed = False
    before = run(a.before, os.path.join(a.dir, "before.json"))
    ok = before[0] < total or before[1] > 0
    print(f"  [{'ok  ' if ok else 'FAIL'}] python before the codemod loses entries: {before[0]}/{total} kept, {before[1]} failed calls")
    failed |= not ok
    after = run(a.after, os.path.join(a.dir, "after.json"))
    ok = after == (total, 0)
    print(f"  [{'ok  ' if ok else 'FAIL'}] python after the codemod keeps every entry: {after[0]}/{total} kept, {after[1]} failed calls")
    failed |= not ok
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    mp.set_start_method("fork")
    main()
