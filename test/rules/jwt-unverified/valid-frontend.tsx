// shipguard-test: no-findings
import jwt from 'jsonwebtoken';

export function Welcome({ token }: { token: string }) {
  const claims = jwt.decode(token) as { name?: string } | null;
  return <p>Hello {claims?.name}</p>;
}
