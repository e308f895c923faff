import os

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI(title="Billing API")

origins = [o for o in os.environ.get("CORS_ALLOWED_ORIGINS", "").split(",") if o]

app.add_middleware(  # expect: cors-wildcard
    CORSMiddleware,
    allow_origins=origins,
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)
