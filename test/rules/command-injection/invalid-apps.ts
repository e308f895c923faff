import { exec as run, execSync } from 'node:child_process';
import { promisify } from 'node:util';
import * as cp from 'child_process';
import type { Request, Response } from 'express';
import { NextRequest, NextResponse } from 'next/server';

const execAsync = promisify(run);

export async function GET(request: NextRequest) {
  const host = request.nextUrl.searchParams.get('host');
  const { stdout } = await execAsync(`ping -c 1 ${host}`); // expect: command-injection
  return NextResponse.json({ stdout });
}

export function gitLog(req: Request, res: Response) {
  const branch = req.query.branch as string;
  res.send(execSync('git log --oneline -n 20 ' + branch)); // expect: command-injection
}

export function convert(req: Request, res: Response) {
  const { input } = req.body;
  cp.spawn(`convert ${input} out.png`, { shell: true }).on('close', () => res.sendStatus(204)); // expect: command-injection
}

export function zip(req: Request, res: Response) {
  run(`zip -r /tmp/${req.params.name}.zip /srv/data`, () => res.sendStatus(204)); // expect: command-injection
}
