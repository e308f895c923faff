import { defineRule } from '../../engine/types';
import { python } from './python';

export default defineRule({
  id: 'image-metadata-not-stripped',
  family: 'performance-operations',
  severity: 'warning',
  languages: ['python'],
  fix: { availability: 'always', maxApplicability: 'unsafe', title: 'Re-encode the image without its EXIF data' },
  python,
  docs: `## What it does
Flags an uploaded image stored as it was received, with its EXIF metadata.

Uploads: Flask / Quart \`request.files[...]\`, \`.get(...)\`, \`.getlist(...)\`; Django / DRF
\`request.FILES\` and \`request.data\` in a view (followed through assignments and loops).
Stores: a Flask upload's \`.save(path)\`; a Django upload passed to \`storage.save(name, f)\` or
\`instance.avatar.save(name, f)\`, given to \`Model.objects.create(avatar=f)\` or a model constructor,
assigned to \`instance.avatar\`, or written out through \`f.chunks()\`.
It is an image when the request key or the field it is stored in is named like one (avatar, photo,
image, picture, logo...) or the function checks an image type (\`image/jpeg\`, \`.png\`...).

Not flagged: functions that already deal with the metadata or re-encode through Pillow
(\`Image.open\`, \`ImageOps\`, \`piexif\`, anything mentioning \`exif\`, a \`strip_*metadata\` helper),
other uploads (documents, CSV), test code.

## Why is this bad?
Phone cameras write the GPS position of the shot, the time, and the camera's serial number into
every photo. An avatar or listing photo served back as uploaded tells anyone who downloads it where
the user lives.

## Example
\`\`\`python
from flask import Flask, request

app = Flask(__name__)

@app.post("/avatar")
def upload_avatar():
    file = request.files["avatar"]
    file.save(f"/srv/avatars/{current_user_id()}.jpg")
    return "", 201
\`\`\`

## Use instead
\`\`\`python
import io

from flask import Flask, abort, request
from PIL import Image, ImageOps
from werkzeug.datastructures import FileStorage

app = Flask(__name__)


def strip_image_metadata(upload):
    """The uploaded image re-encoded by Pillow without its EXIF data (GPS position, camera serial)."""
    buffer = io.BytesIO()
    try:
        with Image.open(upload.stream) as image:
            image_format = image.format
            clean = ImageOps.exif_transpose(image)
            clean.info.pop("exif", None)
            clean.info.pop("xmp", None)
            clean.save(buffer, format=image_format, exif=b"")
    except (OSError, ValueError, Image.DecompressionBombError):
        abort(400, "The upload is not a readable image")
    buffer.seek(0)
    return FileStorage(buffer, filename=upload.filename, name=upload.name, content_type=upload.content_type)


@app.post("/avatar")
def upload_avatar():
    file = request.files["avatar"]
    strip_image_metadata(file).save(f"/srv/avatars/{current_user_id()}.jpg")
    return "", 201
\`\`\`

## Fix safety
Unsafe: the stored file is a re-encoded copy, not the uploaded bytes. The fix wraps the stored
upload in \`strip_image_metadata(...)\` and adds that helper above the function (once per module)
with its imports (\`io\`, Pillow's \`Image\` and \`ImageOps\`, and for Flask \`abort\` and werkzeug's
\`FileStorage\`, for Django \`BadRequest\` and \`ContentFile\`). The helper rotates the pixels as the
EXIF orientation said (\`ImageOps.exif_transpose\`), saves in the upload's own format without
\`exif\`/\`xmp\`, and fails closed: an upload Pillow cannot read (or a decompression bomb) is
refused with a 400 (\`abort(400)\` in Flask, \`BadRequest\` in Django) instead of being stored.
JPEG quality changes with the re-encode, an animation keeps its first frame, and the project needs
Pillow (\`pip install pillow\`; Django's \`ImageField\` needs it already).

## How to verify
Upload a photo with GPS EXIF (for example one from a phone): before the fix the stored file still
has the GPS tags (\`Image.open(path).getexif().get_ifd(0x8825)\`), after it it has none, and a
text file sent as the image is refused with a 400. \`shipguard scan\` no longer reports the line.

## References
- OWASP: Unrestricted File Upload (metadata)
- Pillow: ImageOps.exif_transpose, Image.save
- CWE-359: Exposure of Private Personal Information
`,
});
