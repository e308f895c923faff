// Loaded before the app (`node --import ./dist/instrument.js dist/server.js`) so Sentry can
// instrument express and http before they are imported.
import * as Sentry from "@sentry/node";

Sentry.init({
  dsn: process.env.SENTRY_DSN,
  environment: process.env.NODE_ENV ?? "development",
  tracesSampleRate: 0.1,
  sendDefaultPii: false,
});
