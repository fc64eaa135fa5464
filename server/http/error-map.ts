/**
 * The one table from the domain's typed refusals to HTTP: status, stable `code`, extra headers. Services throw
 * their own error classes (no Express types in server/services/); errorHandler (errors.ts) looks the error up
 * here, so a route never needs its own try/catch to get the status right. First match wins: list a subclass
 * before its base class.
 */
import { PdfUnavailable } from '../exports/pdf.ts';
import { AccessDeniedError } from '../services/auth/access.ts';
import { AuthError } from '../services/auth/auth.service.ts';
import { UserError } from '../services/auth/user.service.ts';
import { UnitCasesQueryError } from '../services/cases/unit-cases.service.ts';
import {
  AttachmentRefused,
  DisputeNotFoundError,
  DisputeRequestError,
  DisputeStateError,
} from '../services/disputes/dispute.service.ts';
import { UnitMapError } from '../services/import/import-mapping.service.ts';
import {
  JobBusyError,
  JobNotFoundError,
  JobNotRunError,
  SourcesFileInvalidError,
} from '../services/jobs/jobs.service.ts';
import { MetricsQueryError } from '../services/metrics/metrics.service.ts';
import { EvaluationNotFoundError, EvaluationRulesError } from '../services/evaluation/evaluation.service.ts';
import { NoticeNotFoundError, NoticeRequestError } from '../services/notices/notice.service.ts';
import { SourceConfigError, SourceNotFoundError } from '../services/pulls/source.service.ts';
import { UploadRefused } from './security.upload.ts';

export interface MappedError {
  status: number;
  code: string;
  headers?: Record<string, string>;
}

interface ErrorRule {
  type: abstract new (...args: never[]) => Error;
  /** Called only with an instance of `type` (mapDomainError checks). */
  map: (err: Error) => MappedError;
}

const rule = <E extends Error>(
  type: abstract new (...args: never[]) => E,
  map: ((err: E) => MappedError) | MappedError,
): ErrorRule => ({ type, map: (err) => (typeof map === 'function' ? map(err as E) : map) });

/** Errors that carry their own status and code (the account services, the upload checks). */
const own = (err: { status: number; code: string }): MappedError => ({ status: err.status, code: err.code });

export const ERROR_MAP: readonly ErrorRule[] = [
  rule(AccessDeniedError, { status: 403, code: 'forbidden' }),
  rule(AuthError, (err) => ({
    ...own(err),
    headers: err.retryAfterSeconds ? { 'Retry-After': String(err.retryAfterSeconds) } : undefined,
  })),
  rule(UserError, own),
  rule(UploadRefused, own),
  rule(MetricsQueryError, { status: 400, code: 'invalid_request' }),
  rule(UnitCasesQueryError, { status: 400, code: 'invalid_request' }),
  rule(UnitMapError, (err) => ({ status: err.code === 'unit_not_found' ? 404 : 409, code: err.code })),
  rule(PdfUnavailable, { status: 503, code: 'pdf_unavailable' }),
  rule(SourceNotFoundError, { status: 404, code: 'source_not_found' }),
  rule(SourceConfigError, { status: 400, code: 'invalid_source' }),
  rule(SourcesFileInvalidError, { status: 500, code: 'sources_invalid' }),
  rule(NoticeNotFoundError, { status: 404, code: 'notice_not_found' }),
  rule(NoticeRequestError, { status: 400, code: 'invalid_request' }),
  rule(EvaluationNotFoundError, { status: 404, code: 'evaluation_not_found' }),
  rule(EvaluationRulesError, { status: 400, code: 'invalid_rules' }),
  rule(DisputeNotFoundError, { status: 404, code: 'dispute_not_found' }),
  rule(DisputeRequestError, { status: 400, code: 'invalid_request' }),
  rule(DisputeStateError, { status: 409, code: 'dispute_state' }),
  rule(AttachmentRefused, own),
  rule(JobNotFoundError, { status: 404, code: 'job_not_found' }),
  rule(JobBusyError, { status: 409, code: 'job_busy' }),
  rule(JobNotRunError, { status: 500, code: 'job_not_run' }),
];

/** The mapping of a known domain error; undefined for anything else (a bug: 500, logged). */
export function mapDomainError(err: unknown): MappedError | undefined {
  if (!(err instanceof Error)) return undefined;
  return ERROR_MAP.find((r) => err instanceof r.type)?.map(err);
}
