from celery import Celery as CeleryApp


def make_celery(flask_app):
    celery = CeleryApp(
        flask_app.import_name,
        backend=flask_app.config["CELERY_RESULT_BACKEND"],
        broker=flask_app.config["CELERY_BROKER_URL"],
    )
    celery.conf.result_expires = None  # expect: celery-task-limits
    celery.conf.update(
        task_time_limit=flask_app.config["TASK_LIMIT"],
        task_soft_time_limit=int(flask_app.config["TASK_LIMIT"] * 0.9),
    )  # expect: celery-task-limits
    return celery
