# shipguard-test: no-findings
import os

from celery import Celery
from celery.exceptions import SoftTimeLimitExceeded

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")

app = Celery("proj")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(bind=True, ignore_result=True)
def debug_task(self):
    print(f"Request: {self.request!r}")


@app.task(bind=True, time_limit=900, soft_time_limit=840, acks_late=True)
def generate_invoice_pdf(self, invoice_id):
    try:
        return {"invoice_id": invoice_id, "status": "rendered"}
    except SoftTimeLimitExceeded:
        self.update_state(state="TIMEOUT")
        raise


@app.task(ignore_result=True)
def send_welcome_email(user_id):
    return None
