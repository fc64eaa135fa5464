/** Typed client for the server's JSON API. Errors carry the server's `{ error: { code, message } }`. */
export interface RateValue {
  value: number | null;
  numerator: number;
  denominator: number;
}

export interface CountyTotals {
  lit_filed: number;
  lit_concluded: number;
  lit_losses: number;
  lit_loss_rate: RateValue;
}

export interface MetricDefinition {
  id: string;
  name: { zh: string; en: string };
  definition: { zh: string; en: string };
  format: 'count' | 'rate';
}

export interface Overview {
  year: number | null;
  years: { year: number; totals: CountyTotals }[];
  definitions: MetricDefinition[];
}

/** A cell of the metric table (GET /api/metrics): counts, rates, n/N, 同比, labels, warnings. */
export type Cell = string | number | boolean | null | string[];
export type MetricRow = Record<string, Cell>;
export type Bilingual = { zh: string; en: string };

export interface MetricsResult {
  period: { from: string; to: string; preset: string; label: Bilingual };
  previous_year: { from: string; to: string } | null;
  by: string;
  filters: { units: { id: number; code: string; name: string }[] | null; instances: string[] | null };
  basis: Record<string, { id: string; label: Bilingual }>;
  metrics: string[];
  settings: { min_denominator: number; loss_rate_warning: number; rank_metric: string };
  rank_metric: string | null;
  data_as_of: string | null;
  generated_at: string;
  rows: MetricRow[];
  total: MetricRow;
}

export interface RegistryMetric {
  id: string;
  name: Bilingual;
  definition: Bilingual;
  families: string[];
  better: 'lower' | 'higher' | null;
  headline: boolean;
  format: 'count' | 'rate';
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
export interface UnitCases {
  unit: { code: string; name: string; kind: string };
  family: 'litigation' | 'reconsideration' | 'prelitigation';
  period: { from: string; to: string; label: Bilingual };
  flag: string;
  sort: string;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
  total: number;
  rows: Record<string, string | boolean | null>[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The signed-in user as the server describes them (GET /api/auth/me). */
export interface SessionUser {
  userId: number;
  username: string;
  role: 'admin' | 'analyst' | 'clerk' | 'unit' | 'viewer';
  unitCode: string | null;
  countyVisible: boolean;
}

export interface SessionInfo {
  user: SessionUser;
  csrfToken: string;
  mustChangePassword: boolean;
}

/**
 * The session's CSRF token (from login or /api/auth/me), sent as X-CSRF-Token on every state-changing request;
 * kept in memory only. `onUnauthorized` is called when the API answers 401 (the app then shows the login page).
 */
export const session = {
  csrfToken: null as string | null,
  onUnauthorized: (() => {}) as () => void,
};

async function requestJson<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && session.csrfToken) headers['X-CSRF-Token'] = session.csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    if (res.status === 401 && path !== '/api/auth/login') session.onUnauthorized();
    throw new ApiError(res.status, body?.error?.code ?? 'http_error', body?.error?.message ?? res.statusText);
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}

function getJson<T>(path: string): Promise<T> {
  return requestJson<T>(path);
}

async function remember(info: Promise<SessionInfo>): Promise<SessionInfo> {
  const s = await info;
  session.csrfToken = s.csrfToken;
  return s;
}

export const api = {
  /** The metric table; `query` is built by filtersToApiQuery. */
  metrics: (query: string) => getJson<MetricsResult>(`/api/metrics?${query}`),
  definitions: () => getJson<Registry>('/api/metrics/definitions'),
  narrative: (query: string) => getJson<Narrative>(`/api/metrics/narrative?${query}`),
  unitCases: (code: string, query: string) =>
    getJson<UnitCases>(`/api/units/${encodeURIComponent(code)}/cases?${query}`),
  imports: () => getJson<{ imports: Record<string, unknown>[] }>('/api/imports'),
  unmatched: () => getJson<{ names: Record<string, unknown>[] }>('/api/unmatched'),
  mapUnmatched: (name: string, code: string) =>
    requestJson<unknown>('/api/unmatched/map', { method: 'POST', body: { name, code } }),
  jobs: () => getJson<{ jobs: Record<string, unknown>[] }>('/api/jobs'),
  sources: () => getJson<{ sources: Record<string, unknown>[] }>('/api/sources'),
  overview: (year?: number) => getJson<Overview>(`/api/overview${year ? `?year=${year}` : ''}`),
  me: () => remember(getJson<SessionInfo>('/api/auth/me')),
  login: (username: string, password: string) =>
    remember(requestJson<SessionInfo>('/api/auth/login', { method: 'POST', body: { username, password } })),
  logout: async () => {
    await requestJson<void>('/api/auth/logout', { method: 'POST' });
    session.csrfToken = null;
  },
  changePassword: (currentPassword: string, newPassword: string) =>
    requestJson<void>('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } }),
};
