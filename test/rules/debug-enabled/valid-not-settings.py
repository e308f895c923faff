# shipguard-test: no-findings
"""A plain module: DEBUG here is a local flag of this script, not Django's setting."""
DEBUG = True


def log(msg):
    if DEBUG:
        print(msg)
