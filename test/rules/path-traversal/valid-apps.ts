// shipguard-test: no-findings
import { Controller, Get, Param, Res } from '@nestjs/common';
import { basename, join, resolve, sep } from 'path';
import { randomUUID } from 'crypto';
import * as fsp from 'fs/promises';
import sanitize from 'sanitize-filename';
import type { Request, Response } from 'express';

const UPLOAD_DIR = '/srv/uploads';

@Controller('files')
export class FilesController {
  @Get(':name')
  download(@Param('name') name: string, @Res() res: Response) {
    const safe = basename(name);
    return res.sendFile(join(UPLOAD_DIR, safe));
  }
}

export async function saveNote(req: Request, res: Response) {
  const file = sanitize(String(req.body.filename));
  await fsp.writeFile(join(UPLOAD_DIR, 'notes', file), req.body.text);
  res.sendStatus(201);
}

export async function upload(req: Request, res: Response) {
  const id = randomUUID();
  await fsp.writeFile(join(UPLOAD_DIR, `${id}.bin`), req.body);
  res.status(201).json({ id });
}

export async function read(req: Request, res: Response) {
  const target = resolve(UPLOAD_DIR, String(req.query.name));
  if (!target.startsWith(UPLOAD_DIR + sep)) return res.sendStatus(404);
  res.send(await fsp.readFile(target));
}
