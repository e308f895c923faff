// shipguard-test: no-findings
import jwt from 'jsonwebtoken';
import jwksClient from 'jwks-rsa';

const client = jwksClient({ jwksUri: 'https://login.example.com/.well-known/jwks.json' });

export async function verifyWithKid(req: { headers: { authorization?: string } }) {
  const token = (req.headers.authorization ?? '').slice(7);
  const decoded = jwt.decode(token, { complete: true });
  const key = await client.getSigningKey(decoded?.header.kid);
  return jwt.verify(token, key.getPublicKey(), { algorithms: ['RS256'] });
}

export function verified(req: { headers: { authorization?: string } }) {
  return jwt.verify(req.headers.authorization ?? '', process.env.JWT_SECRET as string, { algorithms: ['HS256'] });
}

export function expiresAt(token: string) {
  const claims = jwt.decode(token) as { exp?: number } | null;
  return claims?.exp ? new Date(claims.exp * 1000) : null;
}

export function logTokenShape(token: string) {
  return Object.keys(jwt.decode(token) ?? {});
}

const text = new TextDecoder().decode(new Uint8Array([104, 105]));
export const parsed = JSON.parse(decodeURIComponent('%7B%7D'));
export const b = Buffer.from('aGk=', 'base64').toString();
export function notJwt(codec: { decode(s: string): string }, req: { body: string }) {
  return codec.decode(req.body) + text;
}
export function signIn(id: string) {
  return jwt.sign({ sub: id }, process.env.JWT_SECRET as string, { algorithm: 'HS256', expiresIn: '1h' });
}
export function verifyDefault(req: { headers: { authorization?: string } }) {
  return jwt.verify(req.headers.authorization ?? '', process.env.JWT_SECRET as string);
}
