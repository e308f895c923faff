/**
 * Codemod: rate-limit counters in Redis, from an environment variable.
 *
 *   Limiter(get_remote_address, app=app)              -> ..., storage_uri=os.environ["REDIS_URL"])
 *   Limiter(..., storage_uri="memory://")             -> storage_uri=os.environ["REDIS_URL"]
 *   settings without CACHES (DRF throttles)           -> CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
 *                                                                          "LOCATION": os.environ["REDIS_URL"]}}
 * `os.environ[...]` fails at start when the variable is missing, rather than counting in memory again.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import { appendArgument, ensureImport } from '../../server/src/lang/python/edits';
import { indentUnit, keywordArg, preferredQuote } from '../../server/src/lang/python/ast';
import { detectEol } from '../../server/src/text/positions';

export function limiterStorageFix(text: string, root: Node, call: Node): Fix {
  const q = preferredQuote(text);
  const env = `os.environ[${q}REDIS_URL${q}]`;
  const edits: TextEdit[] = [];
  const storage = keywordArg(call, 'storage_uri');
  if (storage) edits.push({ start: storage.startIndex, end: storage.endIndex, newText: env });
  else edits.push(appendArgument(text, call, `storage_uri=${env}`));
  const imp = ensureImport(text, root, 'os');
  if (imp) edits.push(imp);
  return { title: 'Store the limiter\'s counters in Redis (`storage_uri` from REDIS_URL)', applicability: 'unsafe', edits };
}

export function drfCacheFix(text: string, root: Node): Fix {
  const q = preferredQuote(text);
  const eol = detectEol(text);
  const u = indentUnit(text);
  const tail = text.endsWith('\n') ? '' : eol;
  const block =
    `${tail}${eol}CACHES = {${eol}${u}${q}default${q}: {${eol}${u}${u}${q}BACKEND${q}: ${q}django.core.cache.backends.redis.RedisCache${q},${eol}` +
    `${u}${u}${q}LOCATION${q}: os.environ[${q}REDIS_URL${q}],${eol}${u}},${eol}}${eol}`;
  const edits: TextEdit[] = [{ start: text.length, end: text.length, newText: block }];
  const imp = ensureImport(text, root, 'os');
  if (imp) edits.push(imp);
  return { title: 'Count DRF throttles in a shared Redis cache (`CACHES` from REDIS_URL)', applicability: 'unsafe', edits };
}
