import logging

log = logging.getLogger(__name__)


def sync(batch):
    """Push 🚀 the batch."""
    try:
        batch.push()
    except Exception as e:
        log.error(
            f"Push 🚀 of {batch.id} failed: "
            f"{e}"
        )
