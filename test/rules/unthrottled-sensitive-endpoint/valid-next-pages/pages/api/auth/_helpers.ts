// shipguard-test: no-findings
// a helper module under pages/api starting with `_`: not a route
export default function resetPassword(email: string) {
  return email;
}
