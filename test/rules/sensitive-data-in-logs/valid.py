# shipguard-test: no-findings
import logging

logger = logging.getLogger(__name__)


def login(request, user, password, token, api_key):
    logger.info("Login attempt for %s", user.username)
    logger.info("Password provided: %s", bool(password))
    logger.info("Token length %d", len(token))
    logger.info("Token type %s", request.data.get("token_type"))
    logger.info("Reset link %s", user.password_reset_url)
    logger.info("Has password: %s", user.has_password)
    logger.info("Key %s created at %s", api_key.name, api_key.created)
    logger.info("Token prefix %s", token[:4])
    logger.info("Card %s", mask_card(user.card_number))
    logger.debug("Token missing: %s", token is None)
    logger.info("Fields received: %s", sorted(request.data))
    logger.info("User agent %s", request.headers.get("User-Agent"))
    logger.info("Password reset email sent to %s", user.email)
    print("password", password)
    messages.info(request, f"Your new token is {token}")


def counts(tokens):
    logger.info("Refreshed %d tokens", len(tokens))
    logger.info("num_tokens=%s", num_tokens(tokens))


def process_checkout(checkout, transaction_item):
    logger.info("Processing checkout %s", checkout.token)
    logger.warning("Transaction %s failed", transaction_item.token)
