import type { JsDetector } from '../../engine/types';

/** JS detector: written in the next step (axios calls and instances, fetch). */
export const js: JsDetector = {
  kinds: [],
  visit() {},
};
