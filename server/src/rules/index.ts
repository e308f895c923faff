/**
 * The explicit, ordered list of rules (typescript-eslint `rules/index.ts`,
 * ruff `codes.rs`). A test checks it against the rule folders, the fixture
 * folders and the generated docs. To add a rule: create
 * `rules/<id>/index.ts`, import it here, add it to RULES (grouped by family).
 */
import type { Rule } from '../engine/types';
// idempotency
import stripeIdempotencyKey from './stripe-idempotency-key';
import stripeWebhookSignature from './stripe-webhook-signature';
// locking
import raceReadCheckWrite from './race-read-check-write';
import lostUpdateIncrement from './lost-update-increment';
import checkThenCreate from './check-then-create';
import selectForUpdateOutsideAtomic from './select-for-update-outside-atomic';
import jsonFileRace from './json-file-race';
// error handling
import logExceptionWithoutTraceback from './log-exception-without-traceback';
// secrets, auth, configuration
import requestWithoutTimeout from './request-without-timeout';
// throttling
import unthrottledSensitiveEndpoint from './unthrottled-sensitive-endpoint';
import inMemoryRateLimit from './in-memory-rate-limit';

export const RULES: readonly Rule[] = [
  // idempotency
  stripeIdempotencyKey,
  stripeWebhookSignature,
  // locking
  raceReadCheckWrite,
  lostUpdateIncrement,
  checkThenCreate,
  selectForUpdateOutsideAtomic,
  jsonFileRace,
  // error handling
  logExceptionWithoutTraceback,
  // secrets, auth, configuration
  requestWithoutTimeout,
  // throttling
  unthrottledSensitiveEndpoint,
  inMemoryRateLimit,
];
