import type { Request, Response } from 'express';
import { prisma } from './db';

export async function listProducts(req: Request, res: Response) {
  const products = await prisma.product.findMany({}); // expect: unpaginated-list
  res.json(products);
}
