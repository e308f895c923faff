# shipguard-test: no-findings
"""Upload and download endpoints a reviewer would merge: safe names through assignments, containment checks, storage APIs."""
import os
import uuid
from pathlib import Path

from django.core.files.storage import default_storage
from fastapi import FastAPI, HTTPException, UploadFile
from fastapi.responses import FileResponse
from rest_framework.decorators import api_view
from rest_framework.response import Response
from werkzeug.utils import secure_filename

api = FastAPI()
STORAGE = Path("/srv/storage")


@api.post("/avatars")
async def avatar(file: UploadFile):
    name = secure_filename(file.filename or "")
    target = os.path.join("/srv/avatars", name)
    with open(target, "wb") as out:
        out.write(await file.read())
    return {"stored": name}


@api.get("/files/{name:path}")
def download(name: str):
    target = (STORAGE / name).resolve()
    if not target.is_relative_to(STORAGE):
        raise HTTPException(status_code=404)
    return FileResponse(target)


@api_view(["POST"])
def upload(request):
    upload = request.FILES["document"]
    stored = default_storage.save(f"documents/{uuid.uuid4().hex}.pdf", upload)
    return Response({"path": stored}, status=201)


@api.post("/imports")
async def imports(file: UploadFile):
    path = STORAGE / "imports" / f"{uuid.uuid4()}.csv"
    path.write_bytes(await file.read())
    return {"id": path.stem}


@api.get("/exports/{export_id}")
def export(export_id: int):
    return FileResponse(STORAGE / "exports" / f"{export_id}.csv")


@api.get("/common/{name:path}")
def common(name: str):
    target = os.path.realpath(os.path.join(STORAGE, name))
    if os.path.commonpath([target, str(STORAGE)]) != str(STORAGE):
        raise HTTPException(status_code=404)
    return FileResponse(target)
