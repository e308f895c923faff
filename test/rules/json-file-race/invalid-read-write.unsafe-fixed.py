import json
import os
import tempfile
from pathlib import Path

from filelock import FileLock

SETTINGS = os.path.join(os.path.dirname(__file__), "settings.json")


# json.loads(f.read()) ... f.write(json.dumps(...)), both through `with open`
def set_flag(name, value):
    with FileLock(f"{SETTINGS}.lock"):
        with open(SETTINGS) as f:
            settings = json.loads(f.read())  # expect: json-file-race
        settings[name] = value
        with tempfile.NamedTemporaryFile("w", dir=os.path.dirname(os.path.abspath(SETTINGS)), delete=False) as f:
            f.write(json.dumps(settings, indent=2))
        os.replace(f.name, SETTINGS)


# read with json.load, write with f.write(json.dumps(...))
def add_tag(tag):
    with FileLock("tags.json.lock"):
        with open("tags.json") as src:
            tags = json.load(src)  # expect: json-file-race
        tags.append(tag)
        with tempfile.NamedTemporaryFile("w", dir=os.path.dirname(os.path.abspath("tags.json")), delete=False) as dst:
            dst.write(json.dumps(tags))
        os.replace(dst.name, "tags.json")


# Path(p).read_text() ... Path(p).write_text(json.dumps(...))
def add_member(path, member):
    members = json.loads(Path(path).read_text())  # expect: json-file-race
    members.append(member)
    Path(path).write_text(json.dumps(members))


# writing text that is not JSON is not a JSON write
def append_log(line):
    with open("log.json") as f:
        entries = json.loads(f.read())
    with open("log.txt", "w") as f:
        f.write(line + str(len(entries)))
