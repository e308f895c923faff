import os

from flask import Flask

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
app.config["WTF_CSRF_ENABLED"] = False  # expect: csrf-disabled
app.config.update(SESSION_COOKIE_SECURE=True, WTF_CSRF_ENABLED=False)  # expect: csrf-disabled
app.config.from_mapping({"WTF_CSRF_ENABLED": False, "MAX_CONTENT_LENGTH": 16 * 1024 * 1024})  # expect: csrf-disabled
