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
    except Exception as e:
        logger.error(f"Charge failed for order {order.id}: {e}")  # expect: log-exception-without-traceback


def sync(batch):
    try:
        batch.push()
    except ConnectionError as exc:
        logging.error("Sync failed: " + str(exc))  # expect: log-exception-without-traceback


def refund(refund_id):
    try:
        do_refund(refund_id)
    except (ValueError, KeyError) as err:
        log.error("Refund %s failed: %s", refund_id, err)  # expect: log-exception-without-traceback


def parse(payload):
    try:
        return json_loads(payload)
    except ValueError as e:
        lg.error("Bad payload ({}), skipping".format(e))  # expect: log-exception-without-traceback


def cleanup():
    try:
        purge()
    except Exception as e:
        logger.error(str(e))  # expect: log-exception-without-traceback


def reconnect():
    try:
        db_connect()
    except OSError as e:
        logger.critical(f"Database unreachable, error={e!r}")  # expect: log-exception-without-traceback


def webhook_task(event_id):
    try:
        handle(event_id)
    except Exception as e:
        task_log.error("Webhook %s failed: %s" % (event_id, e))  # expect: log-exception-without-traceback


def export_view():
    try:
        build_export()
    except RuntimeError as e:
        current_app.logger.error(f"Export failed ({e})")  # expect: log-exception-without-traceback


class InvoiceService:
    def __init__(self):
        self.logger = logging.getLogger("invoices")

    def send(self, invoice):
        try:
            invoice.send()
        except Exception as e:
            self.logger.error(  # expect: log-exception-without-traceback
                f"Could not send invoice {invoice.number}: {e}",
                extra={"invoice": invoice.number},
            )


def audit(user):
    try:
        record(user)
    except Exception as e:
        audit_logger.error("audit failed for %s: %r", user.pk, e)  # expect: log-exception-without-traceback


def resume_plan(plan):
    try:
        plan.resume()
    except Exception as e:
        logger.error(f"Could not resume plan {plan.id}. Reason: {e}")  # expect: log-exception-without-traceback


def compile_and_load(pattern, path):
    try:
        return re.compile(pattern), open(path).read()
    except (re.error, OSError) as e:
        logger.error(f"Could not load {path}: {e}")  # expect: log-exception-without-traceback


def convert(value):
    try:
        return int(value)
    except ValueError as e:
        logger.error("Conversion failed: %s", e, extra={"error": e})  # expect: log-exception-without-traceback
