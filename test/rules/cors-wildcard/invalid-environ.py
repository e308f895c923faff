import environ

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY")
INSTALLED_APPS = ["corsheaders", "rest_framework", "orders"]
CORS_ORIGIN_ALLOW_ALL = True  # expect: cors-wildcard
