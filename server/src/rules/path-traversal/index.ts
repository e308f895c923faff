import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'path-traversal',
  family: 'secrets-auth-config',
  severity: 'error',
  languages: ['python', 'javascript', 'typescript'],
  fix: { availability: 'sometimes', maxApplicability: 'unsafe', title: 'Keep only a safe file name' },
  python,
  js,
  docs: `## What it does
Flags a request-supplied name joined into a filesystem path, or opened, without being reduced to a safe file name.

Sources: Django / DRF \`request.GET/POST/data/FILES\` (an upload's \`.name\`), a view's URL parameters,
Flask \`request.args/form/files\` (an upload's \`.filename\`) and route parameters, FastAPI handler
parameters (not those annotated \`int\`, \`bool\`, \`UUID\`...: FastAPI validates them); Express
\`req.params/query/body\`, multer \`req.file.originalname\`, NestJS \`@Param()\`, a Next.js route handler's
\`params\` and \`request.nextUrl.searchParams\` (in \`route.ts\`).
Sinks: \`os.path.join\`, \`Path(...)\`, \`base / name\` (a base named like a folder, or a module constant built with \`Path(...)\`), \`open\`, \`os.remove\`, \`shutil.*\`,
\`send_file\`; \`path.join\` / \`path.resolve\`, \`fs.*\`, \`res.sendFile\` / \`res.download\` (without \`root\`).
A path joined in the function is reported at the join, not again where it is opened.

Not flagged: names passed through \`secure_filename\`, \`get_valid_filename\`, \`os.path.basename\`,
\`path.basename\`, and functions that check containment (\`startswith\`, \`commonpath\`, \`is_relative_to\`,
\`safe_join\`, \`path.relative\`, \`startsWith\`). Flask's \`send_from_directory\` checks on its own.

## Why is this bad?
An upload named \`../../app/settings.py\`, or a download of \`?name=../../../etc/passwd\`, walks out of
the upload folder: the server overwrites its own code or hands out any file it can read.

## Example
\`\`\`python
import os
from flask import Flask, request

app = Flask(__name__)
UPLOAD_DIR = "/srv/uploads"

@app.post("/upload")
def upload():
    file = request.files["file"]
    file.save(os.path.join(UPLOAD_DIR, file.filename))
    return "", 201
\`\`\`

\`\`\`js
const path = require('path');
const express = require('express');
const app = express();

app.get('/files/:name', (req, res) => {
  res.sendFile(path.join(__dirname, 'uploads', req.params.name));
});
\`\`\`

## Use instead
\`\`\`python
import os
from flask import Flask, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
UPLOAD_DIR = "/srv/uploads"

@app.post("/upload")
def upload():
    file = request.files["file"]
    file.save(os.path.join(UPLOAD_DIR, secure_filename(file.filename)))
    return "", 201
\`\`\`

\`\`\`js
const path = require('path');
const express = require('express');
const app = express();

app.get('/files/:name', (req, res) => {
  res.sendFile(path.join(__dirname, 'uploads', path.basename(req.params.name)));
});
\`\`\`

## Fix safety
Unsafe: names that used to reach a sub-folder (\`reports/2024.pdf\`) now stay in the base folder, and
\`secure_filename\` also drops characters outside ASCII. The fix wraps the name at the join: Flask /
werkzeug files get \`secure_filename(...)\` (imported from \`werkzeug.utils\`), Django files
\`get_valid_filename(os.path.basename(...))\`, other Python files \`os.path.basename(...)\`, JavaScript
\`path.basename(...)\`. A name that becomes empty or \`..\` then names the folder itself, which
\`open\` and \`sendFile\` refuse. It is offered when the request value is the last part of the join.

## How to verify
Send \`../../x\` as the name: before the fix the file lands (or is read) outside the folder, after it
the name stays inside or is refused. \`shipguard scan\` no longer reports the line.

## References
- OWASP: Path Traversal
- Werkzeug: secure_filename; Django: get_valid_filename
- CWE-22
`,
});
