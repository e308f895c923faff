# shipguard-test: no-findings
"""Helpers the settings modules use to read the environment."""
import os

DEFAULT_SEPARATOR = ","


def env_list(name, default=""):
    return [v for v in os.environ.get(name, default).split(DEFAULT_SEPARATOR) if v]
