/** Typed errors that cross every transport: a stable code for programs and a Russian message for people. */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_SET_UP',
  'ALREADY_SET_UP',
  'LOCKED',
  'WRONG_PASSWORD',
  'THROTTLED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'DAMAGED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  path: string;
  message: string;
}

export interface ApiErrorShape {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
  retryAfterMs?: number;
}

export class ApiError extends Error implements ApiErrorShape {
  readonly code: ErrorCode;
  readonly issues?: FieldIssue[];
  readonly retryAfterMs?: number;

  constructor(code: ErrorCode, message: string, extra: { issues?: FieldIssue[]; retryAfterMs?: number } = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    if (extra.issues) this.issues = extra.issues;
    if (extra.retryAfterMs !== undefined) this.retryAfterMs = extra.retryAfterMs;
  }

  toJSON(): ApiErrorShape {
    const out: ApiErrorShape = { code: this.code, message: this.message };
    if (this.issues) out.issues = this.issues;
    if (this.retryAfterMs !== undefined) out.retryAfterMs = this.retryAfterMs;
    return out;
  }

  static from(shape: ApiErrorShape): ApiError {
    const extra: { issues?: FieldIssue[]; retryAfterMs?: number } = {};
    if (shape.issues) extra.issues = shape.issues;
    if (shape.retryAfterMs !== undefined) extra.retryAfterMs = shape.retryAfterMs;
    return new ApiError(shape.code, shape.message, extra);
  }
}

/** What every transport returns for one call. */
export type CallResult = { ok: true; result: unknown } | { ok: false; error: ApiErrorShape };
