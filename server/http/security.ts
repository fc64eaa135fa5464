/**
 * HTTP hardening shared by every route (issue #3): security headers with a strict CSP, no-store caching of data,
 * and RFC 6266 download names. Upload checks (size, type by content, XLSX zip-bomb limits) are in
 * security.upload.ts.
 */
import type { RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * helmet with a strict Content-Security-Policy: scripts only from our own origin (no inline scripts, no eval —
 * the Vite build emits module files and ECharts needs neither). Styles allow 'unsafe-inline' because Svelte
 * transitions and ECharts tooltips insert style elements/attributes; a style cannot run code. No
 * upgrade-insecure-requests: the product is often served over plain HTTP on an office LAN, where it would break
 * every asset.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });
}

/** Data and exports must not sit in shared or browser caches (they name agencies and litigants). */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  res.set('Pragma', 'no-cache');
  next();
};

/**
 * `Content-Disposition: attachment` for a (usually Chinese) file name, per RFC 6266 / RFC 8187: an ASCII
 * fallback in `filename` (non-ASCII replaced by `_`) and the exact name in `filename*` as UTF-8
 * percent-encoding. Path separators, quotes and control characters are removed from both.
 */
export function contentDisposition(fileName: string, type: 'attachment' | 'inline' = 'attachment'): string {
  // eslint-disable-next-line no-control-regex
  const clean = fileName.replace(/[\u0000-\u001f\u007f/\\"]/g, '').trim() || 'download';
  const ascii = clean.replace(/[^\x20-\x7e]/g, '_');
  const encoded = encodeURIComponent(clean).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Sets the download headers every export route needs: the name, and no caching. */
export function setDownloadHeaders(res: Response, fileName: string, contentType: string): void {
  res.set('Content-Type', contentType);
  res.set('Content-Disposition', contentDisposition(fileName));
  res.set('Cache-Control', 'no-store');
  res.set('X-Content-Type-Options', 'nosniff');
}
