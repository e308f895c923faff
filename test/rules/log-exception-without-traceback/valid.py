# shipguard-test: no-findings
import json
import logging
import re

import regex
from jinja2.exceptions import TemplateSyntaxError
from django.contrib import messages
from django.core.exceptions import ValidationError
from pydantic import ValidationError as SchemaError
from rest_framework.response import Response

logger = logging.getLogger(__name__)


def charge(request, order, form):
    try:
        order.charge()
    except Exception as e:
        messages.error(request, f"Payment failed: {e}")  # Django messages is not a logger
        form.add_error(None, str(e))
        return None


def sync(batch):
    try:
        batch.push()
    except ConnectionError as e:
        logger.exception(f"Sync failed: {e}")  # already has the traceback


def sync2(batch):
    try:
        batch.push()
    except ConnectionError as e:
        logger.error("Sync failed: %s", e, exc_info=True)


def retry(job):
    try:
        job.run()
    except TimeoutError as e:
        logger.warning(f"Job {job.id} timed out, retrying: {e}")  # warnings are a choice


def no_interpolation(job):
    try:
        job.run()
    except Exception:
        logger.error("Job failed")  # nothing of the exception is interpolated


def reraised(job):
    try:
        job.run()
    except Exception as e:
        logger.error(f"Job failed: {e}")
        raise  # the traceback travels with the exception


def with_traceback(job):
    import traceback

    try:
        job.run()
    except Exception as e:
        logger.error(f"Job failed: {e}\n{traceback.format_exc()}")


def outside_handler(e):
    logger.error(f"Not in an except block: {e}")


def other_name(job, err):
    try:
        job.run()
    except Exception as e:
        logger.error(f"Job failed, previous error: {err}")  # not the caught exception


class Validator:
    def __init__(self):
        self.errors = []

    def error(self, msg):
        self.errors.append(msg)

    def check(self, value):
        try:
            int(value)
        except ValueError as e:
            self.error(f"not a number: {e}")  # not a logger


def api_view(request, errors):
    try:
        do_work(request)
    except Exception as e:
        errors.error(f"failed: {e}")  # an unknown `errors` object is not a logger
        return Response({"detail": "failed"}, status=500)


def deferred(job):
    try:
        job.run()
    except Exception as e:
        def later():
            logger.error(f"deferred: {e}")  # another function: not in the handler's flow
        schedule(later)


def charge_card(customer_id, amount):
    try:
        return gateway_charge(customer_id, amount)
    except GatewayError as e:
        logger.exception("card charge failed for %s", customer_id)
        logger.error(f"gateway status: {e.http_status}, decline code: {e.code}")  # details next to the logged exception
        return None


def compile_rule(pattern):
    try:
        validate_regex_pattern(pattern)
        return regex.compile(pattern)
    except (regex.error, ValueError) as exc:
        # an invalid user-supplied regex: the message is the news, the traceback points into the parser
        logger.error("Error while processing regular expression %s: %s", pattern, exc)
        return None


def match_rule(pattern, text):
    try:
        return re.search(pattern, text)
    except re.error as e:
        logger.error(f"Invalid regex {pattern}: {e}")
        return None


def read_payload(body):
    try:
        return json.loads(body)
    except json.JSONDecodeError as e:
        logger.error(f"Webhook body is not JSON: {e}")


def clean(form_data):
    try:
        return validate(form_data)
    except (ValidationError, SchemaError) as e:
        logger.error(f"Invalid submission: {e}")


def render_custom_page(source):
    try:
        return env.from_string(source).render()
    except TemplateSyntaxError as e:
        logger.error(f"Error updating custom page: {e}")  # the shop owner's template does not compile
