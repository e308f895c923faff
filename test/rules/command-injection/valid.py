# shipguard-test: no-findings
import os
import shlex
import subprocess

from django.http import HttpResponse

FORMATS = {"png", "jpg", "webp"}
BACKUP = "pg_dump shop > /var/backups/shop.sql"


def connect_vpn(request, profile):
    subprocess.run(["openvpn", "--config", profile], check=True)
    return HttpResponse(status=204)


def ping(request):
    host = shlex.quote(request.GET["host"])
    return HttpResponse(subprocess.check_output(f"ping -c 1 {host}", shell=True))


def backup():
    os.system(BACKUP)
    subprocess.run("pg_dump shop | gzip > /tmp/shop.gz", shell=True)


def resize(request, width):
    w = int(width)
    os.system(f"convert in.png -resize {w} out.png")


def convert(request):
    fmt = request.GET.get("format", "png")
    if fmt not in FORMATS:
        return HttpResponse(status=400)
    os.system(f"convert in.png out.{fmt}")
    return HttpResponse(status=204)


def run_shell(command):
    # the caller hands the whole command in: its call sites decide
    return subprocess.run(command, shell=True, check=True)


def tar(name):
    subprocess.run(f"tar czf /tmp/{name}.tgz /srv/data", shell=False)


def sorted_cmd(flags):
    return subprocess.call(["sort", *flags])
