# shipguard-test: no-findings
"""Helpers of the test suite: keys made up for the tests."""
WEBHOOK_SECRET = "whsec_IBXuDL7DxtpYlSXpfKtHF4vUCsMehGAk"
API_KEY = "Zk9#pQ2!vX7mL4@w"
