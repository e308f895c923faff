// shipguard-test: no-findings
import type { MedusaRequest, MedusaResponse } from '@medusajs/framework/http';

// matched by '/auth/:actor_type/verify*' in ../../middlewares.ts (any method)
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  res.json({ verified: await verify(req.auth_context, req.body.code) });
}
