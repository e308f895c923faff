import { Router, Request, Response } from 'express';
import { dataSource } from '../data-source';

const router = Router();

router.get('/leaderboard', async (req: Request, res: Response) => {
  const top = Number(req.query.top); // expect: unbounded-input
  const rows = await dataSource.query(`SELECT name, score FROM players ORDER BY score DESC LIMIT ${top}`);
  res.json(rows);
});

export default router;
