// shipguard-test: no-findings
import type { Request, Response } from 'express';
import knex from 'knex';
import { Sequelize, QueryTypes } from 'sequelize';

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
const sequelize = new Sequelize(process.env.DATABASE_URL as string);
const DIRECTIONS = new Set(['asc', 'desc']);

export async function byId(req: Request, res: Response) {
  const id = Number.parseInt(String(req.params.id), 10);
  res.json(await db.raw(`SELECT id, title FROM posts WHERE id = ${id}`));
}

export async function search(req: Request, res: Response) {
  res.json(await db.raw('SELECT id FROM posts WHERE title ILIKE ?', [`%${req.query.q}%`]));
}

export async function replacements(req: Request, res: Response) {
  res.json(await sequelize.query('SELECT id FROM orders WHERE customer_ref = :ref', { replacements: { ref: req.body.customer }, type: QueryTypes.SELECT }));
}

export async function ordered(req: Request, res: Response) {
  const dir = String(req.query.dir ?? 'asc');
  if (!DIRECTIONS.has(dir)) return res.sendStatus(400);
  res.json(await db.raw(`SELECT id FROM posts ORDER BY created_at ${dir}`));
}

export async function defaulted(req: Request, res: Response) {
  let dir = String(req.query.dir);
  if (!DIRECTIONS.has(dir)) dir = 'desc';
  res.json(await db.raw(`SELECT id FROM posts ORDER BY created_at ${dir}`));
}

export async function builder(req: Request, res: Response) {
  res.json(await db('posts').where({ author: req.query.author }).select('id'));
}
