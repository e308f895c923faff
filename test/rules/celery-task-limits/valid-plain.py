# shipguard-test: no-findings
import os

from celery import Celery

other = Celery("jobs", broker=os.environ["REDIS_URL"])
other.conf.update(task_ignore_result=True, result_backend=None)


def configure(app, url):
    app.conf.update(**{"result_backend": url})


def make_app(name):
    return Celery(name, backend="disabled")


task_time_limit = 120  # not a Celery config module: an ordinary variable
result_backend = "rpc://"
