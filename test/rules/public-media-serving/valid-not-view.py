# shipguard-test: no-findings
from django.http import FileResponse
from flask import send_file


def build_response(path):
    return FileResponse(open(path, "rb"))


def export_report(report):
    return send_file(report.path)
