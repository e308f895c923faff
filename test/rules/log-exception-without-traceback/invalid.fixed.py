import logging
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
    except Exception as e:
        logger.exception(f"Charge failed for order {order.id}")  # expect: log-exception-without-traceback


def sync(batch):
    try:
        batch.push()
    except ConnectionError as exc:
        logging.exception("Sync failed")  # expect: log-exception-without-traceback


def refund(refund_id):
    try:
        do_refund(refund_id)
    except (ValueError, KeyError) as err:
        log.exception("Refund %s failed", refund_id)  # expect: log-exception-without-traceback


def parse(payload):
    try:
        return json_loads(payload)
    except ValueError as e:
        lg.exception("Bad payload, skipping")  # expect: log-exception-without-traceback


def cleanup():
    try:
        purge()
    except Exception as e:
        logger.exception("Unexpected error in cleanup")  # expect: log-exception-without-traceback


def reconnect():
    try:
        db_connect()
    except OSError as e:
        logger.critical("Database unreachable", exc_info=True)  # expect: log-exception-without-traceback


def webhook_task(event_id):
    try:
        handle(event_id)
    except Exception as e:
        task_log.exception("Webhook %s failed" % event_id)  # expect: log-exception-without-traceback


def export_view():
    try:
        build_export()
    except RuntimeError as e:
        current_app.logger.exception("Export failed")  # expect: log-exception-without-traceback


class InvoiceService:
    def __init__(self):
        self.logger = logging.getLogger("invoices")

    def send(self, invoice):
        try:
            invoice.send()
        except Exception as e:
            self.logger.exception(  # expect: log-exception-without-traceback
                f"Could not send invoice {invoice.number}",
                extra={"invoice": invoice.number},
            )


def audit(user):
    try:
        record(user)
    except Exception as e:
        audit_logger.exception("audit failed for %s", user.pk)  # expect: log-exception-without-traceback


def resume_plan(plan):
    try:
        plan.resume()
    except Exception as e:
        logger.exception(f"Could not resume plan {plan.id}.")  # expect: log-exception-without-traceback
