import type { Request, Response } from 'express';

export function banner(req: Request, res: Response) {
  const width = Number(req.params.n); // expect: unbounded-input
  const line = '='.repeat(width);
  const rows: string[] = [];
  for (let i = 0; i < parseInt(String(req.query.rows), 10); i++) { // expect: unbounded-input
    rows.push(line);
  }
  res.type('text/plain').send(rows.join('\n'));
}
