// shipguard-test: no-findings
import { execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { quote } from 'shell-quote';
import { exec } from 'child_process';
import type { Request, Response } from 'express';

const execFileAsync = promisify(execFile);
const FORMATS = new Set(['png', 'webp']);

export async function ping(req: Request, res: Response) {
  const { stdout } = await execFileAsync('ping', ['-c', '1', String(req.query.host)]);
  res.send(stdout);
}

export function gitLog(req: Request, res: Response) {
  res.send(execFileSync('git', ['log', '--oneline', '-n', '20', String(req.query.branch)]));
}

export function quoted(req: Request, res: Response) {
  const input = quote([String(req.body.input)]);
  exec(`convert ${input} out.png`, () => res.sendStatus(204));
}

export function resize(req: Request, res: Response) {
  const width = Number.parseInt(String(req.query.width), 10);
  exec(`convert in.png -resize ${width} out.png`, () => res.sendStatus(204));
}

export function format(req: Request, res: Response) {
  let fmt = String(req.query.format);
  if (!FORMATS.has(fmt)) fmt = 'png';
  exec(`convert in.png out.${fmt}`, () => res.sendStatus(204));
}

export function encode(req: Request, res: Response) {
  spawn('ffmpeg', ['-i', req.body.file, 'out.mp4']).on('close', () => res.sendStatus(204));
}
