# shipguard-test: no-findings
"""Production settings: secrets are required, settings that are not secrets may default."""
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DATABASE_PASSWORD = os.environ.get("DATABASE_PASSWORD")
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", "1209600"))
JWT_ALGORITHM = os.environ.get("JWT_ALGORITHM", "HS256")
SECRET_KEY_ROTATION_DAYS = os.environ.get("SECRET_KEY_ROTATION_DAYS", "90")
