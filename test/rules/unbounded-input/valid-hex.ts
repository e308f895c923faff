// shipguard-test: no-findings
import type { Request, Response } from 'express';

export function color(req: Request, res: Response) {
  const value = parseInt(String(req.query.rgb), 16);
  const swatch = Array(3).fill(value);
  res.json({ swatch });
}
