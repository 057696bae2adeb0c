/** Codes a client can see in `extensions.code`; one union for the whole server. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'BACKEND_UNAVAILABLE'
  | 'TIMEOUT'
  | 'INTERNAL_SERVER_ERROR';

/** An error raised where it happens, with a code the GraphQL edge translates once. */
export class AppError extends Error {
  override readonly name: string = 'AppError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Readonly<Record<string, unknown>> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.details = options?.details ?? {};
  }

  readonly details: Readonly<Record<string, unknown>>;
}

/** Input that breaks a documented limit or format. */
export class BadInputError extends AppError {
  override readonly name = 'BadInputError';
  constructor(message: string, details?: Readonly<Record<string, unknown>>) {
    super('BAD_USER_INPUT', message, details === undefined ? undefined : { details });
  }
}

/** A lookup by id found nothing for this tenant. */
export class NotFoundError extends AppError {
  override readonly name = 'NotFoundError';
  constructor(kind: string, id: string) {
    super('NOT_FOUND', `No ${kind} with id "${id}" exists.`, { details: { kind, id } });
  }
}

/** A step ran past its time budget. */
export class TimeoutError extends AppError {
  override readonly name = 'TimeoutError';
  constructor(message: string, details?: Readonly<Record<string, unknown>>) {
    super('TIMEOUT', message, details === undefined ? undefined : { details });
  }
}

/** Narrows an unknown throwable to an AppError, wrapping anything else as INTERNAL_SERVER_ERROR. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) {
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('INTERNAL_SERVER_ERROR', message, { cause: error });
}
