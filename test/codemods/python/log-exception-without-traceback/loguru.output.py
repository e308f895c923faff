from loguru import logger


def sync(client):
    try:
        client.sync()
    except Exception as e:
        logger.exception("Sync failed")
    try:
        client.push()
    except Exception as e:
        logger.error("Push failed: {}", e)
