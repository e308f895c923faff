# celery_settings-style module loaded with app.config_from_object("proj.celeryconfig")
broker_url = "amqp://guest@rabbitmq//"
result_backend = "redis://redis:6379/1"
result_expires = 86400  # expect: celery-task-limits
task_time_limit = 120  # expect: celery-task-limits
task_soft_time_limit = 108
