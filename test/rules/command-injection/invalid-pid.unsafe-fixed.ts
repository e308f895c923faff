// A number in the command: the template made it a string, an argument list must too
// (execFile refuses a number with ERR_INVALID_ARG_TYPE, and TypeScript with TS2322).
import { ChildProcess, execFileSync, execSync, fork } from 'child_process';

export class DevServer {
  private childProcess: ChildProcess | null = null;

  start(entry: string) {
    this.childProcess = fork(entry);
  }

  stop() {
    if (this.childProcess && process.platform === 'win32') {
      execFileSync('taskkill', ['/PID', String(this.childProcess.pid), '/F', '/T']); // expect: command-injection
    }
  }
}

export function convert(input: string, width: number) {
  const output = input.replace(/\.png$/, '.webp');
  return execFileSync('cwebp', ['-resize', String(width), '0', input, '-o', output]); // expect: command-injection
}
