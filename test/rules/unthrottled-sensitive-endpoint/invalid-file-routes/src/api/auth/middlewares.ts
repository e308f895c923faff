import { authenticate, validateAndTransformBody, type MiddlewareRoute } from '@medusajs/framework/http';
import { ResetPasswordRequest } from './validators';

export const authRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ['POST'],
    matcher: '/auth/reset-password',
    middlewares: [validateAndTransformBody(ResetPasswordRequest)],
  },
  {
    // another method of the route: it does not cover POST
    method: ['DELETE'],
    matcher: '/auth/reset-password',
    middlewares: [authenticate('user', ['session'])],
  },
  {
    // optional authentication lets anonymous requests through
    matcher: '/auth/reset-password*',
    middlewares: [authenticate('customer', ['session', 'bearer'], { allowUnauthenticated: true })],
  },
];
