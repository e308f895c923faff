from loguru import logger


def sync(client):
    try:
        client.sync()
    except Exception as e:
        logger.error(f"Sync failed: {e}")
    try:
        client.push()
    except Exception as e:
        logger.error("Push failed: {}", e)
