/**
 * Python imports added by codemods go where the file's own convention puts them:
 * the isort section, sorted position when the section is sorted, one name per
 * `from` line when the file writes them so, merged (keeping parentheses) when it
 * merges; `if TYPE_CHECKING:` and `try: ... except ImportError:` blocks, files
 * without imports and CRLF files included. Exact outputs.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ready } from '../harness';
import { parsePythonTree } from '../../server/src/lang/python/parser';
import { ensureFromImport, ensureImport } from '../../server/src/lang/python/edits';
import { applyEdits } from '../../server/src/text/edits';

function addFrom(src: string, module: string, name: string, filePath?: string): string {
  const e = ensureFromImport(src, parsePythonTree(src), module, name, filePath);
  return e ? applyEdits(src, [e]) : src;
}

function addImport(src: string, module: string): string {
  const e = ensureImport(src, parsePythonTree(src), module);
  return e ? applyEdits(src, [e]) : src;
}

const lines = (...l: string[]) => l.join('\n');

describe('python import placement', () => {
  before(ready);

  it('a third-party import goes into the third-party section, before first-party and relative imports', () => {
    const src = lines('import logging', '', 'from django.conf import settings', 'from django.http import HttpResponse', '', 'from orders.models import Order', '', 'from . import forms', '', '', 'def f():', '    pass', '');
    assert.equal(
      addFrom(src, 'django.db', 'transaction'),
      lines('import logging', '', 'from django.conf import settings', 'from django.db import transaction', 'from django.http import HttpResponse', '', 'from orders.models import Order', '', 'from . import forms', '', '', 'def f():', '    pass', ''),
    );
  });

  it('one name per `from` line when the file writes them so (the paperless-ngx header), sorted by module then name', () => {
    const src = lines(
      'from __future__ import annotations',
      '',
      'import logging',
      'import traceback as _tb',
      'from typing import TYPE_CHECKING',
      '',
      'from celery import shared_task',
      'from django.conf import settings',
      'from django.db import DatabaseError',
      'from django.db import close_old_connections',
      'from django.db import models',
      'from django.db.models import Q',
      'from filelock import FileLock',
      '',
      'from documents import matching',
      'from documents.models import Document',
      '',
      'if TYPE_CHECKING:',
      '    from pathlib import Path',
      '',
      'logger = logging.getLogger("paperless.handlers")',
      '',
    );
    const out = addFrom(src, 'django.db', 'transaction');
    assert.equal(out, src.replace('from django.db import models\n', 'from django.db import models\nfrom django.db import transaction\n'));
    // a runtime import of a name only the type checker sees: a new stdlib line, not inside the `if`
    assert.equal(addFrom(src, 'pathlib', 'Path'), src.replace('import traceback as _tb\n', 'import traceback as _tb\nfrom pathlib import Path\n'));
    assert.equal(addImport(src, 'os'), src.replace('import logging\n', 'import logging\nimport os\n'));
    assert.equal(addImport(src, 'traceback'), src.replace('import traceback as _tb\n', 'import traceback as _tb\nimport traceback\n'));
  });

  it('merges into `from m import a, b` at the sorted place when the file merges, keeping parentheses and one name per line', () => {
    assert.equal(addFrom(lines('from django.db.models import Q, Sum', 'x = 1', ''), 'django.db.models', 'F'), lines('from django.db.models import F, Q, Sum', 'x = 1', ''));
    assert.equal(addFrom(lines('from django.db.models import Q, Sum', ''), 'django.db.models', 'Value'), lines('from django.db.models import Q, Sum, Value', ''));
    assert.equal(addFrom(lines('from django.db import models, DatabaseError', ''), 'django.db', 'transaction'), lines('from django.db import models, DatabaseError, transaction', ''));
    assert.equal(
      addFrom(lines('from django.db import (', '    DatabaseError,', '    models,', ')', ''), 'django.db', 'transaction'),
      lines('from django.db import (', '    DatabaseError,', '    models,', '    transaction,', ')', ''),
    );
    assert.equal(
      addFrom(lines('from django.db import (', '    DatabaseError,', '    router,', ')', ''), 'django.db', 'models'),
      lines('from django.db import (', '    DatabaseError,', '    models,', '    router,', ')', ''),
    );
    assert.equal(addFrom(lines('from django.db import (DatabaseError,', '    router)', ''), 'django.db', 'transaction'), lines('from django.db import (DatabaseError,', '    router,', '    transaction)', ''));
    assert.equal(addFrom(lines('from django.db import (', '    DatabaseError, models,', ')', ''), 'django.db', 'router'), lines('from django.db import (', '    DatabaseError, models, router,', ')', ''));
    // already there: nothing
    assert.equal(addFrom(lines('from django.db import models, transaction', ''), 'django.db', 'transaction'), lines('from django.db import models, transaction', ''));
  });

  it('a section the file lacks goes between its neighbours, with the blank lines the file uses', () => {
    const src = lines('import stripe', 'from django.http import HttpResponse', '', 'from billing.models import Plan', '');
    assert.equal(addImport(src, 'os'), lines('import os', '', 'import stripe', 'from django.http import HttpResponse', '', 'from billing.models import Plan', ''));
    const stdlibOnly = lines('import json', 'import os', '', '', 'def f():', '    pass', '');
    assert.equal(addFrom(stdlibOnly, 'django.db', 'transaction'), lines('import json', 'import os', '', 'from django.db import transaction', '', '', 'def f():', '    pass', ''));
    // a file that does not separate its sections gets no blank line either
    const packed = lines('import os', 'from .models import Plan', '');
    assert.equal(addFrom(packed, 'django.db', 'transaction'), lines('import os', 'from django.db import transaction', 'from .models import Plan', ''));
  });

  it('isort order: `import x` before `from x import y`, or module order across both (force_sort_within_sections), or after the same module when unsorted', () => {
    assert.equal(addImport(lines('import json', 'from pathlib import Path', ''), 'tempfile'), lines('import json', 'import tempfile', 'from pathlib import Path', ''));
    assert.equal(addImport(lines('import json', 'from pathlib import Path', 'import sys', ''), 'tempfile'), lines('import json', 'from pathlib import Path', 'import sys', 'import tempfile', ''));
    assert.equal(addImport(lines('import sys', 'import json', ''), 'os'), lines('import sys', 'import json', 'import os', ''));
  });

  it('a module without imports: after the docstring and header comments, blank lines around the import', () => {
    assert.equal(addImport(lines('"""Payments."""', '', '', 'def f():', '    pass', ''), 'os'), lines('"""Payments."""', '', 'import os', '', '', 'def f():', '    pass', ''));
    assert.equal(addImport(lines('#!/usr/bin/env python', 'x = 1', ''), 'os'), lines('#!/usr/bin/env python', '', 'import os', '', 'x = 1', ''));
    assert.equal(addImport(lines('# set up the app', 'app = make()', ''), 'os'), lines('import os', '', '# set up the app', 'app = make()', ''));
    assert.equal(addImport(lines('def f():', '    pass', ''), 'os'), lines('import os', '', '', 'def f():', '    pass', ''));
    assert.equal(addImport('', 'os'), 'import os\n');
    assert.equal(addImport('"""Doc."""', 'os'), '"""Doc."""\n\nimport os\n');
    // only `from __future__`: a new section after it
    assert.equal(addImport(lines('from __future__ import annotations', '', 'x = 1', ''), 'os'), lines('from __future__ import annotations', '', 'import os', '', 'x = 1', ''));
  });

  it('an optional import in `try: ... except ImportError:` counts as imported and is never merged into', () => {
    const src = lines('import os', '', 'try:', '    from filelock import FileLock', 'except ImportError:', '    FileLock = None', '', 'from django.db import models', '');
    assert.equal(addFrom(src, 'filelock', 'FileLock'), src);
    const tryJson = lines('import os', '', 'try:', '    import ujson as json', 'except ImportError:', '    import json', '');
    assert.equal(addImport(tryJson, 'json'), tryJson);
    assert.equal(addImport(tryJson, 'tempfile'), lines('import os', 'import tempfile', '', 'try:', '    import ujson as json', 'except ImportError:', '    import json', ''));
  });

  it('keeps CRLF line endings and a trailing comment on its line', () => {
    const src = 'import json  # noqa: F401\r\nfrom django.http import HttpResponse\r\n\r\nx = 1\r\n';
    assert.equal(addImport(src, 'os'), 'import json  # noqa: F401\r\nimport os\r\nfrom django.http import HttpResponse\r\n\r\nx = 1\r\n');
    assert.equal(addFrom(src, 'django.db', 'transaction'), 'import json  # noqa: F401\r\nfrom django.db import transaction\r\nfrom django.http import HttpResponse\r\n\r\nx = 1\r\n');
  });

  it('a project package is first-party when the file path is known, whatever its block', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-imports-'));
    fs.mkdirSync(path.join(root, 'stripe_sync'));
    fs.writeFileSync(path.join(root, 'stripe_sync', '__init__.py'), '');
    const file = path.join(root, 'stripe_sync', 'views.py');
    const src = lines('import os', '', 'from stripe_sync.models import Account', '');
    // `stripe_sync` is not a known distribution; without the path it would be taken for third-party as well
    assert.equal(addFrom(src, 'django.db', 'transaction', file), lines('import os', '', 'from django.db import transaction', '', 'from stripe_sync.models import Account', ''));
  });
});
