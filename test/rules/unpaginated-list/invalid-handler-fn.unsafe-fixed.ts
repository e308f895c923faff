import type { Request, Response } from 'express';
import { prisma } from './db';

export async function listProducts(req: Request, res: Response) {
  const take = Math.min(Math.max(Number.parseInt(String(req.query.limit ?? '50'), 10) || 50, 1), 200);
  const skip = Math.max(Number.parseInt(String(req.query.offset ?? '0'), 10) || 0, 0);
  const products = await prisma.product.findMany({ take, skip }); // expect: unpaginated-list
  res.json(products);
}
