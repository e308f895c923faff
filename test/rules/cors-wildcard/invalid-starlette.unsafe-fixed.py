import os

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware as Cors

from .routes import routes

middleware = [
    Middleware(Cors, allow_origins=[o for o in os.environ.get("CORS_ALLOWED_ORIGINS", "").split(",") if o], allow_credentials=True),  # expect: cors-wildcard
]

app = Starlette(routes=routes, middleware=middleware)
