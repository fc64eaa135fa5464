/** Typed client for the server's JSON API. Errors carry the server's `{ error: { code, message } }`. */
import type {
  DataAsOf,
  DataSource,
  ImportEntry,
  ImportKind,
  ImportSummary,
  JobRun,
  JobStatus,
  MapResult,
  RejectedRow,
  UnmatchedName,
  WaitingRow,
} from './data-types.ts';
import type {
  SessionExpiry as ServerSessionExpiry,
  SessionInfo as ServerSessionInfo,
  SessionUser,
} from '../../../../server/contracts/auth.ts';
import type { UnitCasesResult } from '../../../../server/contracts/cases.ts';
import { deadlineOf, type Deadline } from '../state/session-expiry.ts';
import type { Json } from '../../../../server/contracts/json.ts';
import type { Overview } from '../../../../server/contracts/overview.ts';
import type { MetricsResult } from '../../../../server/contracts/metrics.ts';
import type {
  NoticeDelivery,
  NoticeModel,
  NoticeRequest,
  NoticeSettings,
  NoticeSummary,
  UnitNoticeCopy,
} from '../../../../server/contracts/notice.ts';
import type {
  ReportFormat,
  ReportModel,
  ReportRequest,
  ReportSnapshot,
} from '../../../../server/contracts/report.ts';

export type { Overview, SessionUser };
export type SessionInfo = Json<ServerSessionInfo>;
export type SessionExpiry = Json<ServerSessionExpiry>;
export type { CountyTotals, RateValue } from '../../../../server/contracts/overview.ts';

export type { Cell, MetricRow, MetricsResult } from '../../../../server/contracts/metrics.ts';
export type Bilingual = { zh: string; en: string };

export interface RegistryMetric {
  id: string;
  name: Bilingual;
  definition: Bilingual;
  families: string[];
  better: 'lower' | 'higher' | null;
  headline: boolean;
  format: 'count' | 'rate';
  counted_by?: Bilingual;
  bases?: { id: string; label: Bilingual; default: boolean }[];
}

/** GET /api/metrics/definitions: the registry with its labels. */
export interface Registry {
  metrics: RegistryMetric[];
  warnings: Record<string, Bilingual>;
  double_decline: Record<string, { en: string; colour: 'green' | 'amber' | 'red' | 'grey' }>;
  conventions: Record<string, Bilingual>;
}

export interface Narrative {
  period: { label: Bilingual };
  subject: string;
  sentences: { id: string; text: string; metrics: string[] }[];
}

/** GET /api/units/:code/cases: one page of a unit's records; `flag` is the metric each row's flag counts for. */
export type UnitCases = Json<UnitCasesResult>;

/** The joint-meeting report (README "Meeting reports"): slides as data, drawn by server/exports/pptx.ts. */
export type {
  DeckChart,
  DeckMeta,
  DeckSlide,
  ReportFormat,
  ReportModel,
  ReportRequest,
  ReportScope,
  ReportSection,
  ReportSnapshot,
  Tone,
} from '../../../../server/contracts/report.ts';

/** Notices (通报, README "Notices"): the frozen model, list rows, deliveries, settings. */
export type {
  NoticeDelivery,
  NoticeModel,
  NoticeRequest,
  NoticeSettings,
  NoticeSummary,
  UnitNotice,
  UnitNoticeCopy,
} from '../../../../server/contracts/notice.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The import summary a refused or failed upload still reports (422/500 from POST /api/imports/:kind). */
    readonly summary: ImportSummary | null = null,
  ) {
    super(message);
  }
}

/**
 * The session's CSRF token (from login or /api/auth/me), sent as X-CSRF-Token on every state-changing request;
 * kept in memory only. `onUnauthorized` is called when the API answers 401 (the app then shows the login page).
 */
export const session = {
  csrfToken: null as string | null,
  /** Who is signed in (set with the token), for pages that hide what the user may not do. */
  user: null as SessionUser | null,
  onUnauthorized: (() => {}) as () => void,
  /** When the session ends, as the server last said (login, /me, the banner's checks), on this browser's clock. */
  deadline: null as Deadline | null,
};

/**
 * `passive`: a request the page makes by itself (a timer), which must not count as use of the session (the
 * server's PASSIVE_HEADER, server/contracts/auth.ts): otherwise an open page would never time out.
 */
async function requestJson<T>(
  path: string,
  init: { method?: string; body?: unknown; passive?: boolean } = {},
): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (init.passive) headers['X-Session-Passive'] = '1';
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && session.csrfToken) headers['X-CSRF-Token'] = session.csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!res.ok) throw await apiError(res, path);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/**
 * Uploads a record file as the raw body (the server streams it to disk; the name travels URI-encoded in
 * X-File-Name so Chinese names survive). A refused file throws ApiError with the server's message and summary.
 */
async function uploadFile(kind: ImportKind, file: File): Promise<ImportSummary> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Content-Type': 'application/octet-stream',
    'X-File-Name': encodeURIComponent(file.name),
  };
  if (session.csrfToken) headers['X-CSRF-Token'] = session.csrfToken;
  const res = await fetch(`/api/imports/${kind}`, {
    method: 'POST',
    headers,
    credentials: 'same-origin',
    body: file,
  });
  const body = (await res.json().catch(() => null)) as
    (ImportSummary & { error?: { code: string; message: string }; import?: ImportSummary }) | null;
  if (!res.ok) {
    if (res.status === 401) session.onUnauthorized();
    throw new ApiError(
      res.status,
      body?.error?.code ?? 'http_error',
      body?.error?.message ?? res.statusText,
      body?.import ?? null,
    );
  }
  return body as ImportSummary;
}

async function apiError(res: Response, path: string): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (res.status === 401 && path !== '/api/auth/login') session.onUnauthorized();
  return new ApiError(res.status, body?.error?.code ?? 'http_error', body?.error?.message ?? res.statusText);
}

/** A file download: the bytes, the server's file name (RFC 6266 `filename*`) and the response headers. */
export interface DownloadedFile {
  blob: Blob;
  filename: string;
  headers: Headers;
}

async function requestFile(path: string, body?: unknown): Promise<DownloadedFile> {
  const headers: Record<string, string> = {};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    if (session.csrfToken) headers['X-CSRF-Token'] = session.csrfToken;
  }
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw await apiError(res, path);
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="([^"]*)"/i.exec(disposition)?.[1];
  return {
    blob: await res.blob(),
    filename: star ? decodeURIComponent(star) : (plain ?? 'download'),
    headers: res.headers,
  };
}

function getJson<T>(path: string): Promise<T> {
  return requestJson<T>(path);
}

/** Keeps the session's end from an answer that states it (see session.deadline). */
async function track<T extends SessionExpiry>(answer: Promise<T>): Promise<T> {
  const asked = Date.now();
  const s = await answer;
  session.deadline = deadlineOf(s, asked);
  return s;
}

async function remember(info: Promise<SessionInfo>): Promise<SessionInfo> {
  const s = await track(info);
  session.csrfToken = s.csrfToken;
  session.user = s.user;
  return s;
}

export const api = {
  /** The metric table; `query` is built by filtersToApiQuery. */
  metrics: (query: string) => getJson<MetricsResult>(`/api/metrics?${query}`),
  definitions: () => getJson<Registry>('/api/metrics/definitions'),
  narrative: (query: string) => getJson<Narrative>(`/api/metrics/narrative?${query}`),
  unitCases: (code: string, query: string) =>
    getJson<UnitCases>(`/api/units/${encodeURIComponent(code)}/cases?${query}`),
  // ——— data page (数据管理) ———
  upload: (kind: ImportKind, file: File) => uploadFile(kind, file),
  imports: (limit = 50) => getJson<{ imports: ImportEntry[] }>(`/api/imports?limit=${limit}`),
  rejected: (id: number) => getJson<{ rows: RejectedRow[] }>(`/api/imports/${id}/rejected`),
  rejectedCsvUrl: (id: number) => `/api/imports/${id}/rejected.csv`,
  /** Downloads (plain GET links: the session cookie suffices, and the server names the file). */
  metricsExportUrl: (format: 'csv' | 'xlsx', query: string) => `/api/exports/metrics.${format}?${query}`,
  unitCasesExportUrl: (code: string, format: 'csv' | 'xlsx', query: string) =>
    `/api/exports/units/${encodeURIComponent(code)}/cases.${format}?${query}`,
  unmatched: () => getJson<{ names: UnmatchedName[] }>('/api/unmatched'),
  waitingRows: (name: string, limit = 3) =>
    getJson<{ rows: WaitingRow[] }>(`/api/unmatched/rows?name=${encodeURIComponent(name)}&limit=${limit}`),
  mapUnmatched: (name: string, code: string) =>
    requestJson<MapResult>('/api/unmatched/map', { method: 'POST', body: { name, code } }),
  /** `passive`: the panel's own refresh, not counted as use of the session. */
  jobs: ({ passive = false } = {}) =>
    requestJson<{ jobs: JobStatus[]; dataAsOf: string | null }>('/api/jobs', { passive }),
  jobRuns: (name: string, limit = 20) =>
    getJson<{ runs: JobRun[] }>(`/api/jobs/${encodeURIComponent(name)}/runs?limit=${limit}`),
  runJob: (name: string) =>
    requestJson<{ run: JobRun }>(`/api/jobs/${encodeURIComponent(name)}/run`, { method: 'POST' }),
  sources: () => getJson<{ sources: DataSource[]; file: string | null }>('/api/sources'),
  saveSource: (name: string, source: Record<string, unknown>) =>
    requestJson<{ source: DataSource }>(`/api/sources/${encodeURIComponent(name)}`, {
      method: 'PUT',
      body: source,
    }),
  setSourceEnabled: (name: string, enabled: boolean) =>
    requestJson<{ source: DataSource }>(
      `/api/sources/${encodeURIComponent(name)}/${enabled ? 'enable' : 'disable'}`,
      { method: 'POST' },
    ),
  dataAsOf: () => getJson<DataAsOf>('/api/data-as-of'),
  reportPreview: (req: ReportRequest) =>
    requestJson<ReportModel>('/api/reports/preview', { method: 'POST', body: req }),
  /** The report file; `X-Report-Snapshot` in its headers names the snapshot when `freeze` was asked. */
  reportGenerate: (req: ReportRequest & { format: ReportFormat; freeze?: boolean }) =>
    requestFile('/api/reports/generate', req),
  reportSnapshots: () => getJson<{ snapshots: ReportSnapshot[] }>('/api/reports/snapshots'),
  reportSnapshotFile: (id: string, format: ReportFormat) =>
    requestFile(`/api/reports/snapshots/${encodeURIComponent(id)}/${format}`),
  // ——— notices (通报) ———
  noticePreview: (req: NoticeRequest) =>
    requestJson<NoticeModel>('/api/notices/preview', { method: 'POST', body: req }),
  issueNotice: (req: NoticeRequest) =>
    requestJson<{ id: string; docNumber: string; title: string; units: number }>('/api/notices', {
      method: 'POST',
      body: req,
    }),
  notices: () => getJson<{ notices: NoticeSummary[] }>('/api/notices'),
  noticeStatus: (id: string) =>
    getJson<{ deliveries: NoticeDelivery[] }>(`/api/notices/${encodeURIComponent(id)}/status`),
  resendNotice: (id: string, units?: string[]) =>
    requestJson<{ deliveries: NoticeDelivery[] }>(`/api/notices/${encodeURIComponent(id)}/resend`, {
      method: 'POST',
      body: units ? { units } : {},
    }),
  noticeSettings: () => getJson<NoticeSettings>('/api/notices/settings'),
  saveNoticeSettings: (patch: Partial<NoticeSettings>) =>
    requestJson<NoticeSettings>('/api/notices/settings', { method: 'PUT', body: patch }),
  /** `passive`: the header's own refresh of the unread count. */
  noticeInbox: ({ passive = false } = {}) =>
    requestJson<{ deliveries: NoticeDelivery[]; unread: number }>('/api/notices/inbox', { passive }),
  /** A unit's own copy as data; a unit user's first read marks it read. */
  unitNotice: (id: string, code: string) =>
    getJson<UnitNoticeCopy>(`/api/notices/${encodeURIComponent(id)}/units/${encodeURIComponent(code)}`),
  signNotice: (id: string) =>
    requestJson<NoticeDelivery>(`/api/notices/${encodeURIComponent(id)}/sign`, { method: 'POST' }),
  /** Downloads (plain GET links): one part as DOCX or PDF, or every part as one ZIP. */
  noticeDocumentUrl: (id: string, part: string, format: 'docx' | 'pdf') =>
    `/api/notices/${encodeURIComponent(id)}/document?part=${encodeURIComponent(part)}&format=${format}`,
  noticeZipUrl: (id: string) => `/api/notices/${encodeURIComponent(id)}/all.zip`,
  overview: (year?: number) => getJson<Overview>(`/api/overview${year ? `?year=${year}` : ''}`),
  me: () => remember(getJson<SessionInfo>('/api/auth/me')),
  /** The session's expiry, asked by a timer: not counted as use. */
  sessionExpiry: () => track(requestJson<SessionInfo>('/api/auth/me', { passive: true })),
  /** 「继续使用」: the session counts as used now. */
  extendSession: () => track(requestJson<SessionExpiry>('/api/auth/extend', { method: 'POST' })),
  login: (username: string, password: string) =>
    remember(requestJson<SessionInfo>('/api/auth/login', { method: 'POST', body: { username, password } })),
  logout: async () => {
    await requestJson<void>('/api/auth/logout', { method: 'POST' });
    session.csrfToken = null;
    session.user = null;
    session.deadline = null;
  },
  changePassword: (currentPassword: string, newPassword: string) =>
    requestJson<void>('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } }),
};
