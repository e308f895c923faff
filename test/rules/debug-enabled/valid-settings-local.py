# shipguard-test: no-findings
DEBUG = True
INSTALLED_APPS = ["shop"]
