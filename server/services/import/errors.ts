/** The file as a whole cannot be imported (unreadable, binary, missing a required column…): nothing is loaded. */
export class ImportRefused extends Error {
  /** Set when the refusal came after the file was hashed (for the ledger). */
  fileHash?: string;
  fileSize?: number;

  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
  }
}
