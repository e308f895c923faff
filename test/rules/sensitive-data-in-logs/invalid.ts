import express from "express";
import pino from "pino";

const logger = pino();
const app = express();

app.post("/login", async (req, res) => {
  const { email, password } = req.body;
  console.log(`Login attempt ${email} / ${password}`); // expect: sensitive-data-in-logs
  logger.info({ email, password }, "login attempt"); // expect: sensitive-data-in-logs
  res.json(await authenticate(email, password));
});

app.post("/signup", (req, res) => {
  console.log("signup body", req.body); // expect: sensitive-data-in-logs
  logger.debug("headers", req.headers); // expect: sensitive-data-in-logs
  res.sendStatus(201);
});

export class TokenService {
  private readonly logger = new Logger(TokenService.name);

  refresh(user: { id: string }, refreshToken: string) {
    this.logger.log(`Refreshing ${user.id} with ${refreshToken}`); // expect: sensitive-data-in-logs
    const accessToken = sign(user);
    this.logger.debug("issued", { userId: user.id, token: accessToken }); // expect: sensitive-data-in-logs
    return accessToken;
  }
}

export function connect(config: { stripeSecretKey: string; dbPassword: string }) {
  console.info("Connecting with key", config.stripeSecretKey); // expect: sensitive-data-in-logs
  logger.warn("db password: " + config.dbPassword); // expect: sensitive-data-in-logs
  req.log.info({ authorization: req.headers.authorization }, "auth header"); // expect: sensitive-data-in-logs
}
