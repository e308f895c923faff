"""Admin helpers and a Flask view that run shell commands built from the caller's values (the codemod's input)."""
import asyncio
import os
import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)
app.config["UPLOADS"] = "/srv/uploads"


def list_folder(folder):
    return subprocess.run(f"ls -1 {folder}", shell=True, capture_output=True, text=True).stdout.split()


def read_note(path):
    return subprocess.check_output(f"cat {path}", shell=True, text=True)


def greet(name):
    return subprocess.run(f"echo hello {name}", shell=True, capture_output=True, text=True).stdout.strip()


async def greet_async(name):
    proc = await asyncio.create_subprocess_shell(f"echo hello {name}", stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    return out.decode().strip()


def backup(src, dest):
    return os.system(f"cp {src} {dest}")


@app.get("/uploads/size")
def upload_size():
    name = request.args["name"]
    out = subprocess.run(f"wc -c {name}", shell=True, cwd=app.config["UPLOADS"], capture_output=True, text=True)
    words = out.stdout.split()
    return jsonify(size=int(words[0]) if words else None)
