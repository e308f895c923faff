"""Client settings of the reporting service: no provider key, long literals that are not secrets, two pasted ones."""
import os

REPORTS_URL = "https://reports.internal.example.com/api/v2"
CACHE_DIR = "/var/cache/reporting-service"
REQUEST_ID_HEADER = "X_REPORTING_REQUEST_ID"
EXPORT_NAME = 'report'+"_quarterly_export"+'.csv'
REPORTING_PASSWORD = "Qw7#vT2pLm9!Zr4Kx8Bn"  # expect: hardcoded-secret
# an escape in the literal: its source is not its value
SIGNING_KEY = "Zx9\u0023Lm2!Kq7vTr4Bn8"  # expect: hardcoded-secret
TIMEOUT = int(os.environ.get("REPORTS_TIMEOUT", "30"))
