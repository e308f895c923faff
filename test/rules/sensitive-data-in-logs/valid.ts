// shipguard-test: no-findings
import pino from "pino";

const logger = pino();

export function login(req, user, password: string, token: string, apiKey: { name: string }) {
  console.log("login", user.email);
  logger.info({ hasPassword: !!password }, "login");
  logger.info(`token length ${token.length}`);
  logger.info("token type", req.body.token_type);
  logger.info("reset url", user.passwordResetUrl);
  logger.info("key", apiKey.name);
  logger.info("prefix", token.slice(0, 4));
  logger.info("card", maskCard(user.cardNumber));
  logger.info("fields", Object.keys(req.body));
  logger.info("agent", req.headers["user-agent"]);
  logger.info("missing token", token === undefined);
  logger.info(`Password reset email sent to ${user.email}`);
  console.log("count", numTokens);
  res.json({ token });
}

export function invited(invite: { token: string; email: string }) {
  logger.info(`Invite ${invite.token} sent to ${invite.email}`);
}
