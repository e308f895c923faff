import os
import subprocess
from subprocess import check_output

from django.http import HttpResponse, JsonResponse

BACKUP_DIR = "/var/backups"


def connect_vpn(request, profile):
    subprocess.run(f"openvpn --config {profile} --daemon", shell=True, check=True)  # expect: command-injection
    return HttpResponse(status=204)


def ping(request):
    host = request.GET["host"]
    out = subprocess.check_output("ping -c 1 " + host, shell=True)  # expect: command-injection
    return HttpResponse(out, content_type="text/plain")


def thumbnail(path, size):
    os.system(f"convert {path} -resize {size} {path}.thumb.png")  # expect: command-injection


def archive(name):
    os.system(f"tar czf {BACKUP_DIR}/backup.tgz {name}")  # expect: command-injection


def disk_usage(request):
    folder = request.POST.get("folder")
    return JsonResponse({"du": os.popen("du -sh %s" % folder).read()})  # expect: command-injection


def whois(request):
    domain = request.GET.get("domain", "")
    cmd = "whois {}".format(domain)
    return HttpResponse(subprocess.getoutput(cmd))  # expect: command-injection


def restart(service):
    check_output(f"systemctl restart {service}", shell=True)  # expect: command-injection


class Deploy:
    def run(self, request, branch):
        proc = subprocess.Popen(f"git checkout {branch} && make deploy", shell=True)  # expect: command-injection
        return proc.wait()


def flush(request, queue):
    os.system(f"rabbitmqctl purge_queue {queue}")  # expect: command-injection


def thumbnail(src: str, width: int):
    # the f-string made `width` a string; an argument list needs str() for the int, not for `src`
    subprocess.run(f"convert {src} -resize {width} thumb.png", shell=True, check=True)  # expect: command-injection


def archive(request):
    name = request.POST["name"]
    subprocess.run(f"tar czf {name} /srv/uploads", shell=True)  # expect: command-injection
