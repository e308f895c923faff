// The body is built before the switch that decides the status: `statusCode < 500 ? ...` at
// `message: err.message` would read the variable before its declaration. No fix is written.
import { NextFunction, Response } from 'express';
import { MedusaError } from '@medusajs/utils';

export function errorHandler() {
  return (err: MedusaError, req: any, res: Response, next: NextFunction) => {
    const errObj = {
      code: err.code,
      type: err.type,
      message: err.message,
    };

    let statusCode = 500;
    switch (err.type) {
      case MedusaError.Types.NOT_FOUND:
        statusCode = 404;
        break;
      case MedusaError.Types.DB_ERROR:
        statusCode = 500;
        break;
      default:
        errObj.message = 'An unknown error occurred.';
        break;
    }

    res.status(statusCode).json(errObj); // expect: error-details-in-response
  };
}
