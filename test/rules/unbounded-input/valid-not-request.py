# shipguard-test: no-findings
import os


def worker_count():
    return int(os.environ.get("WORKERS", "4"))


def parse(settings):
    return int(settings["TIMEOUT"])
