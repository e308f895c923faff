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


# a backend with no result_expires: Celery's default expires results after a day
def make_worker(name, url):
    worker = Celery(name, broker=url, backend=url)
    worker.conf.update(result_backend=url, task_acks_late=True)
    return worker


# results never stored: an expiry of None changes nothing
quiet = Celery("quiet", broker=os.environ["REDIS_URL"])
quiet.conf.update(result_backend=None, result_expires=None)
