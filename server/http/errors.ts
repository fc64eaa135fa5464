import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Logger } from '../logger.ts';
import { mapDomainError } from './error-map.ts';

/** A failure whose message may be shown to the user; `code` is stable for clients. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `没有这个接口 / no such endpoint: ${req.method} ${req.path}`));
};

/** The one place errors become (domain errors through ERROR_MAP, error-map.ts) `{ "error": { "code", "message" } }` responses. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (err instanceof ZodError) {
      const message = err.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
      res.status(400).json({ error: { code: 'invalid_request', message } });
      return;
    }
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message } });
      return;
    }
    const mapped = mapDomainError(err);
    if (mapped) {
      if (mapped.headers) res.set(mapped.headers);
      res.status(mapped.status).json({ error: { code: mapped.code, message: (err as Error).message } });
      return;
    }
    const status =
      typeof (err as { status?: unknown }).status === 'number' ? (err as { status: number }).status : 500;
    if (status < 500) {
      res.status(status).json({ error: { code: 'bad_request', message: (err as Error).message } });
      return;
    }
    logger.error({ err, path: req.path }, 'request failed');
    res.status(500).json({ error: { code: 'internal', message: '服务器内部错误 / internal server error' } });
  };
}
