"""Flask, DRF and FastAPI endpoints that hand request values to a shell, through aliases and assignments."""
import asyncio
import subprocess as sp
from os import popen
from subprocess import check_output

from fastapi import FastAPI
from flask import Flask, request
from rest_framework.decorators import api_view
from rest_framework.response import Response

app = Flask(__name__)
api = FastAPI()


@app.post("/repos/clone")
def clone():
    repo = request.form["url"]
    cmd = "git clone --depth 1 " + repo
    sp.call(cmd, shell=True)  # expect: command-injection
    return "", 202


@app.get("/whois")
def whois():
    domain = request.args.get("domain", "")
    return check_output("whois %s" % domain, shell=True)  # expect: command-injection


@api_view(["POST"])
def thumbnail(request):
    name = request.data["name"]
    out = popen("convert uploads/{} -thumbnail 200x200 thumbs/{}".format(name, name)).read()  # expect: command-injection
    return Response({"out": out})


@api.get("/dns/{host}")
async def dns(host: str):
    proc = await asyncio.create_subprocess_shell(f"dig +short {host}", stdout=asyncio.subprocess.PIPE)  # expect: command-injection
    out, _ = await proc.communicate()
    return {"answer": out.decode()}
