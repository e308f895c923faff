// shipguard-test: no-findings
import { authenticate, type MiddlewareRoute } from '@medusajs/framework/http';

export const authRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ['POST'],
    matcher: '/auth/token/refresh',
    middlewares: [authenticate('*', 'bearer', { allowUnregistered: true })],
  },
  {
    matcher: '/auth/:actor_type/verify*',
    middlewares: [authenticate('customer', ['session', 'bearer'])],
  },
];
