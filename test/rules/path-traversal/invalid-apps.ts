import { Controller, Get, Param, Res } from '@nestjs/common';
import { join } from 'path';
import * as fsp from 'fs/promises';
import type { Request, Response } from 'express';

const UPLOAD_DIR = '/srv/uploads';

@Controller('files')
export class FilesController {
  @Get(':name')
  download(@Param('name') name: string, @Res() res: Response) {
    return res.sendFile(join(UPLOAD_DIR, name)); // expect: path-traversal
  }
}

export async function saveNote(req: Request, res: Response) {
  await fsp.writeFile(join(UPLOAD_DIR, 'notes', req.body.filename), req.body.text); // expect: path-traversal
  res.sendStatus(201);
}
