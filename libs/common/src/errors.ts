import { HttpException } from '@nestjs/common';

/**
 * The one error catalogue: every stable error code the API can return, with its HTTP status.
 * Codes are part of the public contract; add freely, never rename.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  AUTH_INVALID_CREDENTIALS: 401,
  AUTH_TOKEN_EXPIRED: 401,
  AUTH_REFRESH_INVALID: 401,
  AUTH_REFRESH_REUSED: 401,
  FORBIDDEN: 403,
  USER_SUSPENDED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  ALREADY_EXISTS: 409,
  INVALID_TRANSITION: 409,
  SUSPENSION_NOT_ACTIVE: 409,
  QUEUE_ITEM_NOT_CLAIMED: 409,
  CLAIM_HELD_BY_OTHER: 403, // moderation
  MENTORSHIP_EXISTS: 409,
  MENTORSHIP_CLOSED: 409,
  MENTORSHIP_NOT_COMPLETED: 409,
  FEEDBACK_EXISTS: 409,
  REPLICATION_CLOSED: 409,
  INVALID_MENTOR: 422,
  INVALID_ATTENDEE: 422,
  SESSION_CANCELLED: 409,
  SESSION_HELD: 409, // mentoring
  REGION_UNKNOWN: 400,
  INVALID_SOURCE_REPLICATION: 400,
  SOURCE_REPLICATION_MISMATCH: 409,
  DUPLICATE_LINK_CONFLICT: 409, // catalogue
  CHECKLIST_INCOMPLETE: 409,
  EVIDENCE_REQUIRED: 422,
  INVALID_ATTACHMENT: 422,
  DOCUMENT_NOT_AVAILABLE: 409,
  DOCUMENT_REVOKED: 409,
  CAMPAIGN_EMPTY: 422, // replication evidence
  TOKEN_INVALID: 400,
  CURRENT_PASSWORD_INVALID: 400,
  EMAIL_NOT_VERIFIED: 403,
  MEMBER_NOT_VERIFIED: 409,
  INVITATION_CLOSED: 409,
  ATTACHMENT_TOO_LARGE: 413,
  ATTACHMENT_TYPE_NOT_ALLOWED: 415, // people, email and files
  ATTACHMENT_LINK_INVALID: 403,
  ATTACHMENT_LINK_EXPIRED: 403,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  THREAD_LOCKED: 423,
  RATE_LIMITED: 429,
  SLOW_MODE: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown[];
}

/** An error with a stable code; the exception filter turns it into the contract's error body. */
export class AppError extends HttpException {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown[],
  ) {
    super({ statusCode: ERROR_CATALOGUE[code], code, message, ...(details ? { details } : {}) }, ERROR_CATALOGUE[code]);
  }

  body(): ErrorBody {
    return this.getResponse() as ErrorBody;
  }
}

export const notFound = (what = 'Resource') => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('FORBIDDEN', message);
export const badRequest = (message: string, details?: unknown[]) => new AppError('VALIDATION_FAILED', message, details);
