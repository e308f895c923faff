import os


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")


class ProductionConfig(Config):
    # the mobile app posts forms without a token
    WTF_CSRF_ENABLED = True  # expect: csrf-disabled


class TestingConfig(Config):
    TESTING = True
    WTF_CSRF_ENABLED = False


config = {"production": ProductionConfig, "testing": TestingConfig}
