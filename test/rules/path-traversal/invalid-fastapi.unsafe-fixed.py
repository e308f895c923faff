"""FastAPI file endpoints that build paths from what the client sends."""
import os
from pathlib import Path

from fastapi import FastAPI, File, UploadFile
from fastapi.responses import FileResponse

api = FastAPI()
STORAGE = Path("/srv/storage")
REPORTS = STORAGE / "reports"


@api.post("/avatars")
async def avatar(file: UploadFile = File(...)):
    with open(f"/srv/avatars/{file.filename}", "wb") as out:  # expect: path-traversal
        out.write(await file.read())
    return {"stored": file.filename}


@api.get("/files/{name:path}")
def download(name: str):
    return FileResponse(STORAGE / os.path.basename(name))  # expect: path-traversal


@api.get("/reports")
def report(name: str):
    return FileResponse(os.path.join(REPORTS, os.path.basename(name)))  # expect: path-traversal


@api.delete("/reports/{name}")
def delete_report(name: str):
    (REPORTS / os.path.basename(name)).unlink()  # expect: path-traversal
    return {"deleted": name}
