import { exec, execFile } from 'node:child_process';
import { Request, Response } from 'express';

export function restart(req: Request, res: Response) {
  execFile('systemctl', ['restart', req.params.service], (err) => res.sendStatus(err ? 500 : 204)); // expect: command-injection
}

export function lookup(domain: string) {
  execFile('whois', [domain]); // expect: command-injection
}
