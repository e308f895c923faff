import { Router } from 'express';
import corsMiddleware from 'cors';

const allowCors = corsMiddleware;
export const router = Router();

router.options('*', allowCors()); // expect: cors-wildcard
router.get('/orders', (req, res) => res.json([]));
