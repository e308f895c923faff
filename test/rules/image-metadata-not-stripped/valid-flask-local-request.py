# shipguard-test: no-findings
from flask import Flask

app = Flask(__name__)


class Request:
    files = {}


request = Request()


@app.post("/avatar")
def upload_avatar():
    file = request.files["avatar"]
    file.save("/srv/avatars/me.jpg")
    return "", 201
