import { Router } from 'express';
import { AuditLog } from '../models';

export const audit = Router();

audit.post('/audit/search', async (req, res) => {
  const rows = await AuditLog.findAll({
    where: { actorId: req.body.actorId },
    order: [['createdAt', 'DESC']],
    limit: Number.parseInt(req.body.count, 10), // expect: unbounded-input
  });
  res.json(rows);
});
