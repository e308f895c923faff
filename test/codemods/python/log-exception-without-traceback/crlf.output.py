import logging

log = logging.getLogger(__name__)


def sync(batch):
    """Push 🚀 the batch."""
    try:
        batch.push()
    except Exception:
        log.exception(
            f"Push 🚀 of {batch.id} failed"
        )
