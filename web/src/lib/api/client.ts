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

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(res.status, body?.error?.code ?? 'http_error', body?.error?.message ?? res.statusText);
  }
  return (await res.json()) as T;
}

export const api = {
  overview: (year?: number) => getJson<Overview>(`/api/overview${year ? `?year=${year}` : ''}`),
};
