import type { Request, Response } from 'express';

/** A whole number from the request, clamped to 0..max; null (answer a 400) for anything else. */
function parseBoundedInt(value: unknown, { fallback, max = 1000 }: { fallback?: number; max?: number } = {}): number | null {
  if (value === undefined || value === null || value === '') return fallback ?? null;
  const number = Number(value);
  if (!Number.isInteger(number)) return null;
  return Math.max(0, Math.min(number, max));
}

export function banner(req: Request, res: Response) {
  const width = parseBoundedInt(req.params.n); // expect: unbounded-input
  if (width === null) return res.status(400).json({ error: 'n must be a whole number' });
  const line = '='.repeat(width);
  const rows: string[] = [];
  const rowsNumber = parseBoundedInt(String(req.query.rows));
  if (rowsNumber === null) return res.status(400).json({ error: 'rows must be a whole number' });
  for (let i = 0; i < rowsNumber; i++) { // expect: unbounded-input
    rows.push(line);
  }
  res.type('text/plain').send(rows.join('\n'));
}
