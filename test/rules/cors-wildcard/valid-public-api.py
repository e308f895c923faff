# shipguard-test: no-findings
"""Docs hosting: the search and embed APIs are public and read-only, never with cookies."""
import re

DEBUG = False
INSTALLED_APPS = ["corsheaders", "projects", "search"]
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "OPTIONS", "HEAD"]
CORS_URLS_REGEX = re.compile(r"^/api/v2/(search|embed)/")
