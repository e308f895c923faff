# shipguard-test: no-findings
import os

from celery import Celery

app = Celery("shop", broker=os.environ["REDIS_URL"], backend=os.environ["REDIS_URL"])
app.conf.update(
    result_expires=3600,
    task_time_limit=600,
    task_soft_time_limit=540,
)
