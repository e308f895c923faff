import type { Fix, SourceFile } from '../../server/src/engine/types';
import type { JsEndpoint } from '../../server/src/lang/endpoints/js';
export function jsFixes(file: SourceFile, e: JsEndpoint, fragment: string): Fix[] {
  void file; void e; void fragment;
  return [];
}
