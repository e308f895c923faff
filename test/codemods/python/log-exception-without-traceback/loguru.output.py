from loguru import logger


def sync(client):
    try:
        client.sync()
    except Exception:
        logger.exception("Sync failed")
    try:
        client.push()
    except Exception as e:
        logger.error("Push failed: {}", e)
