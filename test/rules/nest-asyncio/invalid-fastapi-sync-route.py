import asyncio

from fastapi import APIRouter

from .llm import complete

router = APIRouter()
_loop = asyncio.new_event_loop()


@router.post("/summaries")
def create_summary(payload: dict):
    text = _loop.run_until_complete(complete(payload["text"]))  # expect: nest-asyncio
    return {"summary": text}
