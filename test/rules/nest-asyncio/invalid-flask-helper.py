import asyncio

from flask import Blueprint, jsonify

from .geo import lookup_many

bp = Blueprint("stores", __name__)


def _nearest_stores(points):
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(lookup_many(points))  # expect: nest-asyncio
    finally:
        loop.close()


def nearby(points):
    return sorted(_nearest_stores(points), key=lambda s: s["distance"])


@bp.get("/stores/nearby")
def stores_nearby():
    return jsonify(nearby([(52.52, 13.40)]))
