import environ

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY")
INSTALLED_APPS = ["corsheaders", "rest_framework", "orders"]
CORS_ORIGIN_WHITELIST = env.list("CORS_ALLOWED_ORIGINS", default=[])  # expect: cors-wildcard
