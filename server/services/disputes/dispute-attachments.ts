/**
 * What an attached file is, read from its first bytes (magic numbers), never from its name or the type the
 * browser claims: a renamed executable named 判决书.pdf is refused.
 */
import { MAX_ATTACHMENT_BYTES, type AttachmentType } from '../../contracts/dispute.ts';

const SIGNATURES: { type: AttachmentType; bytes: number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

/** An attachment refused for its type or size: HTTP 415 / 413. */
export class AttachmentRefused extends Error {
  constructor(
    readonly status: 413 | 415 | 400,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The file's type by its content, or null when it is none of PDF, PNG, JPEG. */
export function sniffAttachmentType(head: Uint8Array): AttachmentType | null {
  return SIGNATURES.find((s) => s.bytes.every((b, i) => head[i] === b))?.type ?? null;
}

/** Checks an attachment's size and content; returns its type. */
export function checkAttachment(bytes: Buffer): AttachmentType {
  if (bytes.length === 0) throw new AttachmentRefused(400, 'empty_file', '文件为空 / the file is empty');
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    throw new AttachmentRefused(413, 'file_too_large', `附件超过 10 MB / the attachment is over 10 MB`);
  }
  const type = sniffAttachmentType(bytes.subarray(0, 8));
  if (!type) {
    throw new AttachmentRefused(
      415,
      'unsupported_attachment',
      '附件须为 PDF、JPEG 或 PNG 文件（按文件内容判断，不看扩展名） / attachments must be PDF, JPEG or PNG files (judged by their content, not their name)',
    );
  }
  return type;
}
