# shipguard-test: no-findings
"""Commands a reviewer would merge: argument lists, shlex.quote through assignments, int(), allow-lists."""
import asyncio
import shlex
import subprocess

from fastapi import FastAPI
from flask import Flask, request

app = Flask(__name__)
api = FastAPI()
CODECS = {"h264": "libx264", "vp9": "libvpx-vp9"}


@app.post("/repos/clone")
def clone():
    subprocess.run(["git", "clone", "--depth", "1", request.form["url"]], check=True, timeout=60)
    return "", 202


@app.get("/whois")
def whois():
    domain = shlex.quote(request.args.get("domain", ""))
    cmd = f"whois {domain} | head -n 20"
    return subprocess.check_output(cmd, shell=True)


@app.post("/encode")
def encode():
    codec = CODECS[request.form["codec"]]
    subprocess.run(f"ffmpeg -i in.mp4 -c:v {codec} out.mkv", shell=True, check=True)
    return "", 202


@app.get("/tail")
def tail():
    lines = int(request.args.get("lines", "50"))
    return subprocess.check_output(f"tail -n {lines} /var/log/app.log", shell=True)


@api.get("/dns/{host}")
async def dns(host: str):
    proc = await asyncio.create_subprocess_exec("dig", "+short", host, stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    return {"answer": out.decode()}


@app.get("/archive")
def archive():
    quoted = shlex.join(["tar", "czf", "/tmp/out.tgz", request.args["dir"]])
    subprocess.run(quoted, shell=True, check=True)
    return "", 204
