import { cstToday, filtersToSearch, parseFilters, type Filters } from './filters.ts';
import { matchRoute, routePath, type Route } from './routes.ts';

/**
 * The current page and filters, read from and written to the URL (history.pushState), so the back button,
 * bookmarks and shared links all reproduce a view. One instance for the app.
 */
class Router {
  today = cstToday();
  route = $state<Route>(matchRoute(location.pathname));
  filters = $state<Filters>(parseFilters(location.search, cstToday()));

  constructor() {
    window.addEventListener('popstate', () => this.#read());
  }

  #read(): void {
    this.route = matchRoute(location.pathname);
    this.filters = parseFilters(location.search, this.today);
  }

  /** The path of a page with the current filters carried along. */
  href(r: Route, filters: Filters = this.filters): string {
    return routePath(r) + filtersToSearch(filters, this.today);
  }

  go(r: Route, filters: Filters = this.filters): void {
    history.pushState(null, '', this.href(r, filters));
    this.#read();
    window.scrollTo(0, 0);
  }

  setFilters(patch: Partial<Filters>): void {
    const next = { ...this.filters, ...patch };
    history.pushState(null, '', this.href(this.route, next));
    this.#read();
  }

  /** onclick for in-app links: plain clicks navigate without a reload; modified clicks open as usual. */
  link = (e: MouseEvent): void => {
    const a = e.currentTarget as HTMLAnchorElement;
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    const url = new URL(a.href);
    history.pushState(null, '', url.pathname + url.search);
    this.#read();
    window.scrollTo(0, 0);
  };
}

export const router = new Router();
