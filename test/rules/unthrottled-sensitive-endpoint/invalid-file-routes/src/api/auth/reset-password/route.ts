import type { MedusaRequest, MedusaResponse } from '@medusajs/framework/http';

// its middleware entry validates the body but authenticates no one
export const POST = async (req: MedusaRequest, res: MedusaResponse) => { // expect: unthrottled-sensitive-endpoint
  await requestReset(req.validatedBody.identifier);
  res.sendStatus(201);
};
