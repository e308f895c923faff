# shipguard-test: no-findings
from celery import shared_task
from celery.utils.log import get_task_logger

logger = get_task_logger(__name__)


@shared_task(bind=True, autoretry_for=(ConnectionError,), retry_backoff=True, retry_jitter=True, max_retries=5)
def sync_inventory(self, warehouse_id):
    logger.info("syncing warehouse %s", warehouse_id)
    return warehouse_id


@shared_task(soft_time_limit=60, time_limit=90)
def cleanup_expired_sessions():
    return 0
