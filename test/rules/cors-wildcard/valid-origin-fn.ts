// shipguard-test: no-findings
import cors from 'cors';
import { isAllowedOrigin } from './origins';

export const corsMiddleware = cors({
  origin(origin, callback) {
    callback(null, !origin || isAllowedOrigin(origin));
  },
  credentials: true,
});
