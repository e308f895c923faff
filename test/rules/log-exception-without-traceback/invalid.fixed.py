import logging
import re
import logging as lg
from logging import getLogger

from celery.utils.log import get_task_logger
from flask import current_app

from app.observability import audit_logger

logger = logging.getLogger(__name__)
log = getLogger("payments")
task_log = get_task_logger(__name__)


def charge(order):
    try:
        order.charge()
    except Exception:
        logger.exception(f"Charge failed for order {order.id}")  # expect: log-exception-without-traceback


def sync(batch):
    try:
        batch.push()
    except ConnectionError:
        logging.exception("Sync failed")  # expect: log-exception-without-traceback


def refund(refund_id):
    try:
        do_refund(refund_id)
    except (ValueError, KeyError):
        log.exception("Refund %s failed", refund_id)  # expect: log-exception-without-traceback


def parse(payload):
    try:
        return json_loads(payload)
    except ValueError:
        lg.exception("Bad payload, skipping")  # expect: log-exception-without-traceback


def cleanup():
    try:
        purge()
    except Exception as e:
        logger.error(str(e), exc_info=True)  # expect: log-exception-without-traceback


def reconnect():
    try:
        db_connect()
    except OSError:
        logger.critical("Database unreachable", exc_info=True)  # expect: log-exception-without-traceback


def webhook_task(event_id):
    try:
        handle(event_id)
    except Exception:
        task_log.exception("Webhook %s failed" % event_id)  # expect: log-exception-without-traceback


def export_view():
    try:
        build_export()
    except RuntimeError:
        current_app.logger.exception("Export failed")  # expect: log-exception-without-traceback


class InvoiceService:
    def __init__(self):
        self.logger = logging.getLogger("invoices")

    def send(self, invoice):
        try:
            invoice.send()
        except Exception:
            self.logger.exception(  # expect: log-exception-without-traceback
                f"Could not send invoice {invoice.number}",
                extra={"invoice": invoice.number},
            )


def audit(user):
    try:
        record(user)
    except Exception:
        audit_logger.exception("audit failed for %s", user.pk)  # expect: log-exception-without-traceback


def resume_plan(plan):
    try:
        plan.resume()
    except Exception:
        logger.exception(f"Could not resume plan {plan.id}.")  # expect: log-exception-without-traceback


def compile_and_load(pattern, path):
    try:
        return re.compile(pattern), open(path).read()
    except (re.error, OSError):
        logger.exception(f"Could not load {path}")  # expect: log-exception-without-traceback


def convert(value):
    try:
        return int(value)
    except ValueError as e:
        logger.exception("Conversion failed", extra={"error": e})  # expect: log-exception-without-traceback
