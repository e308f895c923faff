// shipguard-test: no-findings
import type { MedusaRequest, MedusaResponse } from '@medusajs/framework/http';

// behind authenticate(...) in ../../middlewares.ts: only a holder of a valid token refreshes it
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  res.json({ token: await refresh(req.auth_context) });
};
