# shipguard-test: no-findings
