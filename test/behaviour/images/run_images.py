"""Uploaded images before and after the image-metadata-not-stripped codemod (Debian python3-pil).

A JPEG with GPS EXIF is uploaded to a Flask app (test client) and to a Django view (RequestFactory,
FileSystemStorage in a temp folder), as written (before) and as the codemod rewrote it (after):
before, the stored file still has its GPS tags; after, it has none, is still a readable JPEG of the
same size, and a text file sent as the avatar is refused with a 400 and nothing stored.

usage: python3 run_images.py --cases DIR --after DIR --work DIR
"""
import argparse
import importlib.util
import io
import os
import shutil
import sys

from PIL import Image

FAILURES = []
GPS_IFD = 0x8825


def check(label, cond, detail=""):
    print(f"  {'ok  ' if cond else 'FAIL'} {label}{': ' + detail if detail and not cond else ''}")
    if not cond:
        FAILURES.append(label)


def photo_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[GPS_IFD] = {1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 17.0, 40.0)}
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buf, format="JPEG", exif=exif)
    data = buf.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD), "the test photo carries GPS EXIF"
    return data


def gps_of(path):
    with Image.open(path) as im:
        return dict(im.getexif().get_ifd(GPS_IFD)), im.format, im.size


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def flask_suite(path, label, work, photo):
    fixed = label == "after"
    mod = load(path, f"flask_avatar_{label}")
    folder = os.path.join(work, f"flask-{label}")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    mod.app.config["UPLOAD_FOLDER"] = folder
    client = mod.app.test_client()
    r = client.post("/avatar", data={"avatar": (io.BytesIO(photo), "me.jpg", "image/jpeg")}, content_type="multipart/form-data")
    stored = os.path.join(folder, "me.jpg")
    check(f"flask {label}: the avatar is stored", r.status_code == 201 and os.path.exists(stored), str(r.status_code))
    gps, fmt, size = gps_of(stored)
    print(f"flask {label}: stored avatar GPS EXIF = {gps or 'none'}")
    check(f"flask {label}: the stored avatar {'has no' if fixed else 'still has its'} GPS EXIF", bool(gps) != fixed)
    check(f"flask {label}: the stored avatar is a JPEG of the same size", fmt == "JPEG" and size == (64, 48), f"{fmt} {size}")
    r = client.post("/avatar", data={"avatar": (io.BytesIO(b"not an image"), "bad.jpg", "image/jpeg")}, content_type="multipart/form-data")
    bad = os.path.exists(os.path.join(folder, "bad.jpg"))
    print(f"flask {label}: a text file as the avatar -> {r.status_code}, {'stored' if bad else 'not stored'}")
    if fixed:
        check("flask after: an unreadable image is refused with a 400 and not stored", r.status_code == 400 and not bad, str(r.status_code))


def django_suite(path, label, work, photo):
    fixed = label == "after"
    from django.conf import settings
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import RequestFactory

    folder = os.path.join(work, f"django-{label}")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    settings.MEDIA_ROOT = folder
    default_storage._setup()  # a storage rooted at this MEDIA_ROOT
    mod = load(path, f"django_avatar_{label}")
    rf = RequestFactory()
    req = rf.post("/avatar", {"avatar": SimpleUploadedFile("me.jpg", photo, content_type="image/jpeg")})
    resp = mod.upload_avatar(req)
    stored = os.path.join(folder, "avatars", "me.jpg")
    check(f"django {label}: the avatar is stored", resp.status_code == 201 and os.path.exists(stored), str(resp.status_code))
    gps, fmt, size = gps_of(stored)
    print(f"django {label}: stored avatar GPS EXIF = {gps or 'none'}")
    check(f"django {label}: the stored avatar {'has no' if fixed else 'still has its'} GPS EXIF", bool(gps) != fixed)
    check(f"django {label}: the stored avatar is a JPEG of the same size", fmt == "JPEG" and size == (64, 48), f"{fmt} {size}")
    if fixed:
        from django.core.exceptions import BadRequest
        req = rf.post("/avatar", {"avatar": SimpleUploadedFile("bad.jpg", b"not an image", content_type="image/jpeg")})
        try:
            mod.upload_avatar(req)
            refused = False
        except BadRequest:
            refused = True
        check("django after: an unreadable image is refused (BadRequest, a 400) and not stored", refused and not os.path.exists(os.path.join(folder, "avatars", "bad.jpg")))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", required=True)
    ap.add_argument("--after", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    import django
    from django.conf import settings

    settings.configure(DEBUG=False, SECRET_KEY="behaviour", MEDIA_ROOT=args.work, ALLOWED_HOSTS=["*"], DEFAULT_FILE_STORAGE="django.core.files.storage.FileSystemStorage")
    django.setup()
    photo = photo_with_gps()
    for label, folder in (("before", args.cases), ("after", args.after)):
        flask_suite(os.path.join(folder, "flask_avatar.py"), label, args.work, photo)
        django_suite(os.path.join(folder, "django_avatar.py"), label, args.work, photo)
    if FAILURES:
        print(f"images: {len(FAILURES)} check(s) failed")
        sys.exit(1)
    print("images: all checks passed")


if __name__ == "__main__":
    main()
