import io
import uuid

from flask import Blueprint, abort, request

bp = Blueprint("listings", __name__)
ALLOWED = {"image/jpeg", "image/png"}


@bp.route("/listings/<int:listing_id>/upload", methods=["POST"])
def upload(listing_id):
    f = request.files["file"]
    if f.mimetype not in ALLOWED:
        abort(415)
    name = f"{uuid.uuid4().hex}.jpg"
    f.save(f"/var/media/listings/{listing_id}/{name}")  # expect: image-metadata-not-stripped
    return {"name": name}, 201
