import express from "express";
import pino from "pino";

const logger = pino();
const app = express();

app.post("/login", async (req, res) => {
  const { email, password } = req.body;
  console.log(`Login attempt ${email} / [REDACTED]`); // expect: sensitive-data-in-logs
  logger.info({ email, password: "[REDACTED]" }, "login attempt"); // expect: sensitive-data-in-logs
  res.json(await authenticate(email, password));
});

app.post("/signup", (req, res) => {
  console.log("signup body", Object.keys(req.body)); // expect: sensitive-data-in-logs
  logger.debug("headers", Object.keys(req.headers)); // expect: sensitive-data-in-logs
  res.sendStatus(201);
});

export class TokenService {
  private readonly logger = new Logger(TokenService.name);

  refresh(user: { id: string }, refreshToken: string) {
    this.logger.log(`Refreshing ${user.id} with [REDACTED]`); // expect: sensitive-data-in-logs
    const accessToken = sign(user);
    this.logger.debug("issued", { userId: user.id, token: "[REDACTED]" }); // expect: sensitive-data-in-logs
    return accessToken;
  }
}

export function connect(config: { stripeSecretKey: string; dbPassword: string }) {
  console.info("Connecting with key", "[REDACTED]"); // expect: sensitive-data-in-logs
  logger.warn("db password: [REDACTED]"); // expect: sensitive-data-in-logs
  req.log.info({ authorization: "[REDACTED]" }, "auth header"); // expect: sensitive-data-in-logs
}
