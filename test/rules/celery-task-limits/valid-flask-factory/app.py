# shipguard-test: no-findings
import os
from datetime import timedelta

from celery import Celery, Task
from flask import Flask


def celery_init_app(app: Flask) -> Celery:
    class FlaskTask(Task):
        def __call__(self, *args: object, **kwargs: object) -> object:
            with app.app_context():
                return self.run(*args, **kwargs)

    celery_app = Celery(app.name, task_cls=FlaskTask)
    celery_app.config_from_object("celeryconfig")
    celery_app.conf.update(app.config.get("CELERY", {}))
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    return celery_app


def create_app() -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(
        CELERY=dict(
            broker_url=os.environ["CELERY_BROKER_URL"],
            result_backend=os.environ["CELERY_RESULT_BACKEND"],
            result_expires=int(os.environ.get("CELERY_RESULT_EXPIRES", "3600")),
            task_ignore_result=True,
        ),
    )
    celery_init_app(app)
    return app


def make_reporting_worker() -> Celery:
    worker = Celery("reports", broker=os.environ["CELERY_BROKER_URL"], backend=os.environ["CELERY_RESULT_BACKEND"])
    worker.conf.update(
        task_time_limit=int(os.environ.get("REPORT_TIME_LIMIT", "1200")),
        task_soft_time_limit=int(os.environ.get("REPORT_SOFT_TIME_LIMIT", "1140")),
        result_expires=timedelta(days=int(os.environ.get("REPORT_RESULT_DAYS", "2"))),
    )
    return worker
