import nest_asyncio as na
from fastapi import FastAPI

app = FastAPI()


@app.on_event("startup")
def allow_nested_loops():
    na.apply()  # expect: nest-asyncio
