# shipguard-test: no-findings
import asyncio

from flask import Flask, jsonify

from .reports import build_report

app = Flask(__name__)


@app.route("/health")
def health():
    return jsonify({"ok": True})


def rebuild_reports():
    """Run by cron, not by a request."""
    asyncio.get_event_loop().run_until_complete(build_report())
