/**
 * Test-code and browser-module detection moved to the language layer
 * (lang/scope.ts), which every rule shares; this re-export keeps the older
 * import path of stripe-idempotency-key working until it imports from there.
 */
export { isBrowserModule, isJsTestCode, isPythonTestCode } from '../../lang/scope';
