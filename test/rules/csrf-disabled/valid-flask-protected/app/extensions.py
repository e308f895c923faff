# shipguard-test: no-findings
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
