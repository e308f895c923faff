# shipguard-test: no-findings
"""Flask configuration classes: not Django settings."""
import os


class Config:
    SECRET_KEY = os.environ["SECRET_KEY"]
    SESSION_COOKIE_SECURE = False
    SESSION_COOKIE_HTTPONLY = False


class ProductionConfig(Config):
    DEBUG = False
