/** What both languages of unthrottled-sensitive-endpoint agree on: when an endpoint is at risk, and the message. */
import { methodsAtRisk, nameWords, sensitiveMatch, type Endpoint, type Limit } from '../../lang/endpoints/model';

/** Fragments whose endpoints are guessed at (credentials, codes): a project-wide anon/user rate is not enough for them. */
const CREDENTIAL_FRAGMENTS = new Set(['login', 'signin', 'password']);

export interface Verdict {
  fragment: string;
  /** the project has only unscoped default throttles, which a credential endpoint needs more than */
  onlyDefaults: boolean;
}

/**
 * Endpoints nobody outside can hammer: admin-only routes (behind staff authentication, the
 * operators' own tools) and webhooks (called by a provider that signs its requests).
 */
const ADMIN_PATH = /(^|\/)(admin|staff|internal)(\/|$)/i;
const ADMIN_GUARD = /(^|[.(\s])(admins?_only|admin_required|staff_member_required|superuser_required|IsAdminUser|is_superuser|is_staff|requireAdmin|isAdmin|adminOnly|requireSuperuser)\b/;
const WEBHOOK = /webhook|(^|\/)hooks?(\/|$)/i;

/**
 * Fragments that name a cost (money moved, storage written, heavy work run): they matter even
 * behind authentication, since one account (or a stolen one) can run up the bill. The others
 * (login, token, password, reset, otp, verify, register...) are guessing targets, and an endpoint
 * that already requires a logged-in user is not where credentials are guessed.
 */
const COST_FRAGMENTS = new Set(['checkout', 'payment', 'charge', 'subscribe', 'upload', 'export', 'backfill']);
/** Work that costs as much when read as when created. */
const COSTLY_READ_FRAGMENTS = new Set(['export', 'backfill']);
/** A name that starts with one of these reads the thing it names (`fetch-checkout-session`, `getUploadUrl`). */
const READ_VERBS = new Set(['get', 'fetch', 'list', 'retrieve', 'read', 'show', 'view', 'lookup', 'find']);

/** Whether a sensitive fragment still needs a throttle on an endpoint only logged-in users reach. */
function mattersBehindAuth(e: Endpoint, fragment: string): boolean {
  if (!COST_FRAGMENTS.has(fragment)) return false;
  if (COSTLY_READ_FRAGMENTS.has(fragment)) return true;
  // an authenticated read of a checkout session or a signed upload URL starts no payment or upload
  const names = [e.handler, ...e.paths].filter(Boolean);
  return !names.some((n) => {
    const last = n.split('/').filter((s) => s && !/^[:[{(]/.test(s)).pop() ?? n;
    return READ_VERBS.has(nameWords(last)[0] ?? '');
  });
}

/** Why an endpoint needs a rate limit it does not have, or null when it is fine. */
export function unthrottled(e: Endpoint, projectLimits: readonly Limit[], fragments: readonly string[]): Verdict | null {
  const fragment = sensitiveMatch([e.handler, ...e.paths], fragments);
  if (!fragment || !methodsAtRisk(e.methods, fragment)) return null;
  if (e.authenticated && !mattersBehindAuth(e, fragment)) return null;
  if (e.paths.some((p) => ADMIN_PATH.test(p) || WEBHOOK.test(p)) || WEBHOOK.test(e.handler)) return null;
  if (e.chain.some((c) => ADMIN_GUARD.test(c))) return null;
  if (e.limits.length) return null;
  const defaults = e.exempt ? [] : projectLimits;
  if (!defaults.length) return { fragment, onlyDefaults: false };
  if (CREDENTIAL_FRAGMENTS.has(fragment) && (e.framework === 'drf' || e.framework === 'flask') && !defaults.some((l) => l.scoped)) return { fragment, onlyDefaults: true };
  return null;
}

export function describe(e: Endpoint): string {
  const method = e.methods.includes('*') ? '' : e.methods.filter((m) => m !== 'GET' || e.methods.length === 1).join('/');
  const where = [method, e.paths[0] ?? ''].filter(Boolean).join(' ');
  // an inline handler has no name of its own: the route is its name
  if (!e.handler || e.handler === e.paths[0]) return `\`${where}\``;
  return `\`${e.handler}\`${where ? ` (${where})` : ''}`;
}

export function message(e: Endpoint, v: Verdict): string {
  if (v.onlyDefaults) {
    return `${describe(e)} is ${article(v.fragment)} ${v.fragment} endpoint throttled only by the project-wide default rates: give it a scoped throttle with a low rate so credentials cannot be guessed at the general API rate`;
  }
  return `${describe(e)} is ${article(v.fragment)} ${v.fragment} endpoint with no rate limit: nothing stops a script from calling it thousands of times (credential stuffing, SMS/e-mail bombing, card testing, costly work)`;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
