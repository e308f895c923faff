"""The seed's payment ledger kept in a JSON file (audit 001, section 2)."""
import json
import os

LEDGER = os.environ.get("LEDGER_PATH", "payments.json")


def append_entry(entry):
    with open(LEDGER) as f:
        entries = json.load(f)
    entries.append(entry)
    with open(LEDGER, "w") as f:
        json.dump(entries, f)
