import logging

import stripe

log = logging.getLogger(__name__)


def invoice_for(external_id, account_id):
    try:
        invoice = stripe.Invoice.retrieve(id=external_id, stripe_account=account_id)
    except stripe.error.InvalidRequestError:
        log.exception(f"Cannot get invoice {external_id}, trying the upcoming one.")  # expect: log-exception-without-traceback
        try:
            invoice = stripe.Invoice.upcoming(subscription=external_id, stripe_account=account_id)
        except stripe.error.InvalidRequestError:
            log.exception(f"Cannot get upcoming invoice {external_id}.")  # expect: log-exception-without-traceback
            raise Exception(f"Cannot locate invoice {external_id}")
    return invoice


def plan_for(plan_id):
    try:
        return stripe.Plan.retrieve(plan_id)
    except stripe.error.InvalidRequestError as e:
        log.exception(f"Cannot get plan {plan_id}.")  # expect: log-exception-without-traceback
        try:
            return stripe.Price.retrieve(plan_id)
        except stripe.error.InvalidRequestError as err:
            log.warning(f"No price {plan_id} either: {err} (after {e.code})")
            return None
