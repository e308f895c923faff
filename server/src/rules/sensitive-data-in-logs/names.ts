/**
 * What counts as sensitive in a log call, shared by the Python and JS detectors and the
 * JS codemod: names of secrets (`password`, `api_key`, `accessToken`, `card_number`, ...)
 * and whole request bodies / headers.
 *
 * A name is sensitive when its last word is a secret's: `reset_token`, `stripeSecretKey`,
 * `user.password`. Not: a name that only mentions one (`token_type`, `password_reset_url`,
 * `token_count`), booleans and counts (`has_password`, `is_token_valid`, `num_tokens`).
 */
const SECRET_WORDS = /^(?:.*_)?(password|passwd|pwd|passphrase|secret|token|api_?key|apikey|access_?key|secret_?key|private_?key|client_?secret|authorization|auth_?header|credentials?|card_?number|cc_?number|credit_?card|cvv|cvc|ssn|otp|pin_?code)$/;
const NOT_A_VALUE = /^(has|is|should|needs|num|n|count|len|total|max|min|show|use|with|require|requires|validate|check|reset|forgot|verify|new_password_required)_/;

/** `accessToken` -> `access_token`, `APIKey` -> `api_key`. */
export function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

export function sensitiveName(name: string): boolean {
  const s = snake(name).replace(/^_+/, '');
  if (NOT_A_VALUE.test(s)) return false;
  return SECRET_WORDS.test(s);
}

/** Calls whose result is not the secret (its length, a hash, a masked form, a test). */
export const MASKING_CALL = /^(len|bool|type|isinstance|hash|id|sorted|keys|mask\w*|redact\w*|obfuscate\w*|censor\w*|sha\d+|md5|hashlib\.\w+|truncate\w*|last4|Boolean|String\(\)\.length)$/i;
