/**
 * PDF of a deck, rendered server-side by LibreOffice (`soffice --headless --convert-to pdf`), so the PDF shows
 * exactly the slides of the PPTX with the Chinese glyphs embedded. LibreOffice is an optional system package
 * (Debian: libreoffice-impress-nogui); without it the PDF export answers with a clear error.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const execFileAsync = promisify(execFile);

export class PdfUnavailable extends Error {}

const CANDIDATES = ['soffice', 'libreoffice'];

export async function pptxToPdf(pptx: Buffer, timeoutMs = 120_000): Promise<Buffer> {
  return officeToPdf(pptx, 'pptx', timeoutMs);
}

/** Any office file LibreOffice opens (a deck, a DOCX notice) as PDF. */
export async function officeToPdf(bytes: Buffer, ext: 'pptx' | 'docx', timeoutMs = 120_000): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-pdf-'));
  // Each conversion gets its own LibreOffice profile: parallel conversions sharing one profile fail.
  const profile = path.join(dir, 'profile');
  const input = path.join(dir, `document-${crypto.randomBytes(4).toString('hex')}.${ext}`);
  fs.writeFileSync(input, bytes);
  try {
    let lastError: unknown;
    for (const bin of CANDIDATES) {
      try {
        await run(
          bin,
          [
            `-env:UserInstallation=file://${profile}`,
            '--headless',
            '--convert-to',
            'pdf',
            '--outdir',
            dir,
            input,
          ],
          timeoutMs,
        );
        const out = input.replace(/\.(pptx|docx)$/, '.pdf');
        if (fs.existsSync(out)) return fs.readFileSync(out);
        lastError = new Error(`${bin} produced no PDF`);
      } catch (err) {
        lastError = err;
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') break;
      }
    }
    throw new PdfUnavailable(
      `PDF 导出需要 LibreOffice（Debian 软件包 libreoffice-impress-nogui、libreoffice-writer-nogui）/ PDF export needs LibreOffice: ${String(lastError)}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function run(bin: string, args: string[], timeout: number): Promise<void> {
  await execFileAsync(bin, args, { timeout, env: { ...process.env, HOME: os.tmpdir() } });
}
