/** The dashboard's pages and their paths (history API; the server answers index.html for any path). Pure. */
export type Route =
  | { page: 'overview' }
  | { page: 'units' }
  | { page: 'unit'; code: string }
  | { page: 'reconsideration' }
  | { page: 'prelitigation' }
  | { page: 'data' }
  | { page: 'report' }
  | { page: 'notices' }
  | { page: 'inbox' }
  | { page: 'notFound' };

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { page: 'overview' };
  const unit = /^\/units\/([^/]+)$/.exec(path);
  if (unit) return { page: 'unit', code: decodeURIComponent(unit[1]!) };
  const simple = ['units', 'reconsideration', 'prelitigation', 'data', 'report', 'notices', 'inbox'] as const;
  const hit = simple.find((p) => path === `/${p}`);
  return hit ? { page: hit } : { page: 'notFound' };
}

export function routePath(r: Route): string {
  switch (r.page) {
    case 'overview':
    case 'notFound':
      return '/';
    case 'unit':
      return `/units/${encodeURIComponent(r.code)}`;
    default:
      return `/${r.page}`;
  }
}
