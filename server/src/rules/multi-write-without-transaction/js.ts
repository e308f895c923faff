import type { JsDetector } from '../../engine/types';
export const js: JsDetector = { kinds: [], visit() {} };
