import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type Request } from 'express';
import {
  importIdParams,
  importKindParams,
  importListQuery,
  type ImportErrorBody,
  type ImportListResponse,
  type ImportResponse,
  type RejectedRowsResponse,
} from '../contracts/import.ts';
import type { Knex } from '../db/knex.ts';
import type { Logger } from '../logger.ts';
import { can } from '../services/auth/access.ts';
import {
  importEntry,
  importLedger,
  rejectedRows,
  rejectedRowsCsv,
} from '../services/import/import-ledger.service.ts';
import { importFile } from '../services/import/import.service.ts';
import { HttpError } from './errors.ts';
import { checkUpload } from './security.upload.ts';

/** Uploads above this are refused with 413 (a 1,000,000-row litigation CSV is ~200 MB). */
export const DEFAULT_MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

/** The file name from `X-File-Name` (URI-encoded, so Chinese names survive HTTP headers), without any path. */
function uploadName(req: Request): string {
  const header = req.get('x-file-name');
  if (!header) return 'upload';
  let name: string;
  try {
    name = decodeURIComponent(header);
  } catch {
    throw new HttpError(
      400,
      'invalid_file_name',
      'X-File-Name 须为 URI 编码 / X-File-Name must be URI-encoded',
    );
  }
  return path.basename(name.replace(/\\/g, '/')).slice(0, 255) || 'upload';
}

/** Streams the raw request body to a temp file, refusing more than `limit` bytes. */
async function saveBody(req: Request, file: string, limit: number): Promise<number> {
  const declared = Number(req.get('content-length') ?? NaN);
  if (declared > limit) throw tooLarge(limit);
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      cb(size > limit ? tooLarge(limit) : null, chunk);
    },
  });
  await pipeline(req, counter, fs.createWriteStream(file));
  return size;
}

const tooLarge = (limit: number) =>
  new HttpError(
    413,
    'file_too_large',
    `文件超过 ${limit / 1024 / 1024} MB / the file is over ${limit / 1024 / 1024} MB`,
  );

/**
 * POST /api/imports/:kind — the raw file as the body (`Content-Type: application/octet-stream`, name in
 * `X-File-Name`); answers the import summary (422 when the file was refused).
 * GET /api/imports — the ledger; GET /api/imports/:id; GET /api/imports/:id/rejected (JSON) and
 * /api/imports/:id/rejected.csv (the rows to fix and import again).
 */
export function importRoutes(
  db: Knex,
  logger: Logger,
  { maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES }: { maxUploadBytes?: number } = {},
): Router {
  const router = Router();

  router.post('/api/imports/:kind', async (req, res) => {
    const { kind } = importKindParams.parse(req.params);
    const actor = res.locals.actor;
    if (actor && !can(actor, `import:${kind}`)) {
      throw new HttpError(403, 'forbidden', `无权导入此类数据 / you may not import ${kind}`);
    }
    if (req.is('application/json') || req.is('multipart/form-data')) {
      throw new HttpError(
        415,
        'unsupported_media_type',
        '请以原始文件上传（application/octet-stream） / send the file itself as application/octet-stream',
      );
    }
    const fileName = uploadName(req);
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'sj-upload-'));
    try {
      const filePath = path.join(dir, 'upload');
      await saveBody(req, filePath, maxUploadBytes);
      await checkUpload(filePath); // zip-bomb and content-type guard before any parser sees it
      const summary = await importFile(
        db,
        { kind, filePath, fileName, source: 'upload', user: actor?.username ?? null },
        { logger },
      );
      if (summary.status === 'refused') {
        res.status(422).json({
          error: { code: 'import_refused', message: summary.error ?? 'refused' },
          import: summary,
        } satisfies ImportErrorBody);
        return;
      }
      if (summary.status === 'failed') {
        res.status(500).json({
          error: { code: 'import_failed', message: summary.error ?? 'failed' },
          import: summary,
        } satisfies ImportErrorBody);
        return;
      }
      res.json(summary);
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  });

  router.get('/api/imports', async (req, res) => {
    res.json({
      imports: await importLedger(db, importListQuery.parse(req.query)),
    } satisfies ImportListResponse);
  });

  router.get('/api/imports/:id', async (req, res) => {
    const { id } = importIdParams.parse(req.params);
    const entry = await importEntry(db, id);
    if (!entry) throw new HttpError(404, 'not_found', `没有第 ${id} 次导入 / no import #${id}`);
    res.json({ import: entry } satisfies ImportResponse);
  });

  router.get('/api/imports/:id/rejected', async (req, res) => {
    const { id } = importIdParams.parse(req.params);
    if (!(await importEntry(db, id)))
      throw new HttpError(404, 'not_found', `没有第 ${id} 次导入 / no import #${id}`);
    res.json({ rows: await rejectedRows(db, id) } satisfies RejectedRowsResponse);
  });

  router.get('/api/imports/:id/rejected.csv', async (req, res) => {
    const { id } = importIdParams.parse(req.params);
    const csv = await rejectedRowsCsv(db, id);
    if (csv === undefined) throw new HttpError(404, 'not_found', `没有第 ${id} 次导入 / no import #${id}`);
    res.type('text/csv; charset=utf-8').attachment(`rejected-import-${id}.csv`).send(csv);
  });

  return router;
}
