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
import webhookEventDedup from './webhook-event-dedup';
// locking
import raceReadCheckWrite from './race-read-check-write';
import lostUpdateIncrement from './lost-update-increment';
import checkThenCreate from './check-then-create';
import selectForUpdateOutsideAtomic from './select-for-update-outside-atomic';
import jsonFileRace from './json-file-race';
import multiWriteWithoutTransaction from './multi-write-without-transaction';
// error handling
import logExceptionWithoutTraceback from './log-exception-without-traceback';
import errorDetailsInResponse from './error-details-in-response';
import unhandledDoesNotExist from './unhandled-does-not-exist';
import retryWithoutJitter from './retry-without-jitter';
import celeryTaskLimits from './celery-task-limits';
import sensitiveDataInLogs from './sensitive-data-in-logs';
// secrets, auth, configuration
import requestWithoutTimeout from './request-without-timeout';
import sqlStringFormat from './sql-string-format';
import commandInjection from './command-injection';
import pathTraversal from './path-traversal';
import debugEnabled from './debug-enabled';
import hardcodedSecret from './hardcoded-secret';
import jwtUnverified from './jwt-unverified';
import insecureSecretFallback from './insecure-secret-fallback';
import insecureSessionCookie from './insecure-session-cookie';
import corsWildcard from './cors-wildcard';
import csrfDisabled from './csrf-disabled';
// throttling
import unthrottledSensitiveEndpoint from './unthrottled-sensitive-endpoint';
import inMemoryRateLimit from './in-memory-rate-limit';
// performance and operations
import imageMetadataNotStripped from './image-metadata-not-stripped';
import unpaginatedList from './unpaginated-list';
import unboundedInput from './unbounded-input';
import nPlusOneQuery from './n-plus-one-query';
import dbConnectionReuse from './db-connection-reuse';
import nestAsyncio from './nest-asyncio';
import paymentIdNotUnique from './payment-id-not-unique';
import publicMediaServing from './public-media-serving';

export const RULES: readonly Rule[] = [
  // idempotency
  stripeIdempotencyKey,
  stripeWebhookSignature,
  webhookEventDedup,
  // locking
  raceReadCheckWrite,
  lostUpdateIncrement,
  checkThenCreate,
  selectForUpdateOutsideAtomic,
  jsonFileRace,
  multiWriteWithoutTransaction,
  // error handling
  logExceptionWithoutTraceback,
  errorDetailsInResponse,
  unhandledDoesNotExist,
  retryWithoutJitter,
  celeryTaskLimits,
  sensitiveDataInLogs,
  // secrets, auth, configuration
  requestWithoutTimeout,
  sqlStringFormat,
  commandInjection,
  pathTraversal,
  debugEnabled,
  hardcodedSecret,
  jwtUnverified,
  insecureSecretFallback,
  insecureSessionCookie,
  corsWildcard,
  csrfDisabled,
  // throttling
  unthrottledSensitiveEndpoint,
  inMemoryRateLimit,
  // performance and operations
  imageMetadataNotStripped,
  unpaginatedList,
  unboundedInput,
  nPlusOneQuery,
  dbConnectionReuse,
  nestAsyncio,
  paymentIdNotUnique,
  publicMediaServing,
];
