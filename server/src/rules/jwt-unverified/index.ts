import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'jwt-unverified',
  family: 'secrets-auth-config',
  severity: 'error',
  languages: ['python', 'javascript', 'typescript'],
  fix: { availability: 'sometimes', maxApplicability: 'unsafe', title: 'Verify the token signature' },
  python,
  js,
  docs: `## What it does
Flags JWTs read without checking their signature: PyJWT \`jwt.decode\` with \`verify=False\`, \`options={"verify_signature": False}\`, no \`algorithms=\` or \`"none"\` allowed; jsonwebtoken \`jwt.decode(token)\` whose claims authenticate a request, and \`algorithms: ["none"]\`.

PyJWT, python-jose and jsonwebtoken are recognised through imports and aliases
(\`import jwt\`, \`from jose import jwt\`, \`import jwt from "jsonwebtoken"\`, \`const { decode } =
require("jsonwebtoken")\`), never by the name \`jwt\` alone. A jsonwebtoken \`decode\` counts as
authentication when the function that calls it handles a request (a \`req\` / \`request\` / \`ctx\`
parameter, a middleware or guard by name, or it reads the \`Authorization\` header) and verifies
nothing itself; decoding to read the header (\`kid\`) before \`verify\` is fine. jose \`decodeJwt\`
used the same way is reported without a fix. A Python predicate or peek (\`is_*\`, \`has_*\`,
\`*unverified*\`, \`*header*\` functions) that decodes unverified only to route the token is not
reported. Test code and browser code (where decoding only
displays the claims) are skipped.

## Why is this bad?
\`decode\` without verification trusts whatever the client sends: anyone can write
\`{"sub": "1", "role": "admin"}\`, base64 it, and be that user. Without a fixed list of algorithms
the token chooses how it is checked: \`alg: none\` needs no signature at all, and an HS256 token
"signed" with a public RSA key passes a verifier that accepts both.

## Example
\`\`\`python
import jwt

def user_id(request):
    token = request.headers["Authorization"].split()[1]
    claims = jwt.decode(token, options={"verify_signature": False})
    return claims["sub"]
\`\`\`

\`\`\`ts
import jwt from 'jsonwebtoken';

export function auth(req: any, res: any, next: any) {
  const claims = jwt.decode(req.headers.authorization ?? '') as any;
  req.user = { id: claims.sub };
  next();
}
\`\`\`

## Use instead
\`\`\`python
import os

import jwt

def user_id(request):
    token = request.headers["Authorization"].split()[1]
    claims = jwt.decode(token, os.environ["JWT_SECRET"], algorithms=["HS256"])
    return claims["sub"]
\`\`\`

\`\`\`ts
import jwt from 'jsonwebtoken';

export function auth(req: any, res: any, next: any) {
  const claims = jwt.verify(req.headers.authorization ?? '', process.env.JWT_SECRET!, { algorithms: ['HS256'] }) as any;
  req.user = { id: claims.sub };
  next();
}
\`\`\`

## Fix safety
Unsafe: forged tokens are now rejected (PyJWT raises \`InvalidSignatureError\`, a \`DecodeError\`;
jsonwebtoken throws \`JsonWebTokenError\`), which is the point, but the caller must handle the
error as a 401. The key is the one the file signs its own tokens with (\`jwt.encode(..., KEY)\`,
\`jwt.sign(..., KEY)\`), else \`os.environ["JWT_SECRET"]\` / \`requireEnv("JWT_SECRET")\` (a helper that
throws when it is missing). The algorithm is the one the file signs with (PyJWT and jsonwebtoken
default to HS256); when the file signs nothing, the fix needs the algorithm from you (an editor
snippet with \`HS256\` as the placeholder) and bulk fixing leaves it alone. Tokens signed by
another party need that party's public key and algorithm (RS256, ES256): check the fix's key.

## How to verify
Send an unsigned token (\`alg: none\`) and one signed with another key: both are refused; a token
signed with the real key still passes. \`shipguard scan\` no longer reports the call.

## References
- PyJWT: Usage, reading claims without validation (https://pyjwt.readthedocs.io/en/stable/usage.html)
- jsonwebtoken: \`jwt.decode\` "does not verify whether the signature is valid" (https://github.com/auth0/node-jsonwebtoken)
- OWASP: JSON Web Token Cheat Sheet
- CWE-347: Improper Verification of Cryptographic Signature
`,
});
