# shipguard-test: no-findings
from .patches import nest_asyncio


def setup(app):
    app.config.apply()
    nest_asyncio.enable()
