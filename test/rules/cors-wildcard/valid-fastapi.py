# shipguard-test: no-findings
import os

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

public = FastAPI()
# a public, cookie-less API: any site may read it
public.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"])

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=os.environ["CORS_ALLOWED_ORIGINS"].split(","), allow_credentials=True)
