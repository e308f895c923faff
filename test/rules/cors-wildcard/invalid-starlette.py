from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware as Cors

from .routes import routes

middleware = [
    Middleware(Cors, allow_origins=["*"], allow_credentials=True),  # expect: cors-wildcard
]

app = Starlette(routes=routes, middleware=middleware)
