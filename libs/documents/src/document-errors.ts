/** An upload refused before anything is stored (RFC 9457 problem: status, slug, the field `file`). */
export class DocumentRefusedError extends Error {
  constructor(
    readonly status: 400 | 413 | 415 | 422,
    readonly kind: string,
    detail: string,
    readonly field = 'file',
  ) {
    super(detail);
    this.name = 'DocumentRefusedError';
  }
}

/** The document existed but can no longer be read: the person was erased, or the case purged (410). */
export class DocumentGoneError extends Error {
  constructor(readonly reason: 'erased' | 'purged') {
    super(
      reason === 'erased'
        ? "the person was erased: the document was sealed with the person's key and cannot be read"
        : 'the document was purged with its case (retention)',
    );
    this.name = 'DocumentGoneError';
  }
}

/** The bytes read back are not those the event recorded (SHA-256 differs): never served. */
export class DocumentIntegrityError extends Error {
  constructor() {
    super('the stored document does not match the SHA-256 recorded in its event');
    this.name = 'DocumentIntegrityError';
  }
}
