# shipguard-test: no-findings
"""A module of the admin package adds routes to the same blueprint."""
from flask import Response

from . import admin


@admin.route("/export-subscribers")
def export_subscribers():
    return Response("email\n", mimetype="text/csv")
