import { Controller, Get, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import knex from 'knex';
import { Sequelize, QueryTypes } from 'sequelize';
import type { Request, Response } from 'express';

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
const sequelize = new Sequelize(process.env.DATABASE_URL as string);

@Controller('reports')
export class ReportsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('sales')
  sales(@Query('region') region: string) {
    return this.dataSource.query(`SELECT day, total FROM sales WHERE region = '${region}'`); // expect: sql-string-format
  }
}

export async function searchPosts(req: Request, res: Response) {
  const term = req.query.q as string;
  const rows = await db.raw(`SELECT id, title FROM posts WHERE title ILIKE '%${term}%'`); // expect: sql-string-format
  res.json(rows.rows);
}

export async function ordersFor(req: Request, res: Response) {
  const { customer } = req.body;
  const sql = 'SELECT id FROM orders WHERE customer_ref = \'' + customer + '\'';
  res.json(await sequelize.query(sql, { type: QueryTypes.SELECT })); // expect: sql-string-format
}
