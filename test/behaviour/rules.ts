/** The locking-family rules exercised by the behaviour suite. */
import type { Rule } from '../../server/src/engine/types';
import raceReadCheckWrite from '../../server/src/rules/race-read-check-write';
import lostUpdateIncrement from '../../server/src/rules/lost-update-increment';
import checkThenCreate from '../../server/src/rules/check-then-create';
import selectForUpdateOutsideAtomic from '../../server/src/rules/select-for-update-outside-atomic';
import jsonFileRace from '../../server/src/rules/json-file-race';
import multiWriteWithoutTransaction from '../../server/src/rules/multi-write-without-transaction';
import jwtUnverified from '../../server/src/rules/jwt-unverified';

export const LOCKING_RULES: readonly Rule[] = [raceReadCheckWrite, lostUpdateIncrement, checkThenCreate, selectForUpdateOutsideAtomic, jsonFileRace, multiWriteWithoutTransaction];

/** The error-handling rules exercised by the behaviour suite (test/behaviour/errors). */
import errorDetailsInResponse from '../../server/src/rules/error-details-in-response';
import unhandledDoesNotExist from '../../server/src/rules/unhandled-does-not-exist';

export const ERROR_RULES: readonly Rule[] = [errorDetailsInResponse, unhandledDoesNotExist];

/** The authentication rules exercised by the behaviour suite (test/behaviour/jwt). */
export const AUTH_RULES: readonly Rule[] = [jwtUnverified];

/** The configuration rules exercised by the behaviour suite (test/behaviour/config). */
import corsWildcard from '../../server/src/rules/cors-wildcard';
import csrfDisabled from '../../server/src/rules/csrf-disabled';
import insecureSessionCookie from '../../server/src/rules/insecure-session-cookie';

export const CONFIG_RULES: readonly Rule[] = [corsWildcard, csrfDisabled, insecureSessionCookie];

/** The injection rules exercised by the behaviour suite (test/behaviour/sql, command, paths). */
import sqlStringFormat from '../../server/src/rules/sql-string-format';
import commandInjection from '../../server/src/rules/command-injection';
import pathTraversal from '../../server/src/rules/path-traversal';

export const INJECTION_RULES: readonly Rule[] = [sqlStringFormat, commandInjection, pathTraversal];

/** The performance and operations rules exercised by the behaviour suite (test/behaviour/images, nplus1, dbconn, media, payments). */
import imageMetadataNotStripped from '../../server/src/rules/image-metadata-not-stripped';
import nPlusOneQuery from '../../server/src/rules/n-plus-one-query';
import dbConnectionReuse from '../../server/src/rules/db-connection-reuse';
import publicMediaServing from '../../server/src/rules/public-media-serving';
import paymentIdNotUnique from '../../server/src/rules/payment-id-not-unique';

export const OPERATIONS_RULES: readonly Rule[] = [imageMetadataNotStripped, nPlusOneQuery, dbConnectionReuse, publicMediaServing, paymentIdNotUnique];

/** The idempotency rules exercised by the behaviour suite (test/behaviour/webhooks). */
import webhookEventDedup from '../../server/src/rules/webhook-event-dedup';

export const IDEMPOTENCY_RULES: readonly Rule[] = [webhookEventDedup];
