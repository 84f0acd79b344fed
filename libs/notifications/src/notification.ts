/** Who is told: the instructing association, or the préfecture services of the département. */
export type RecipientKind = 'association' | 'prefecture';

/**
 * One message waiting in the outbox. Its id is deterministic (the event and the recipient), so
 * that the same event never enqueues it twice; the e-mail's Message-ID derives from it, so that
 * a receiver can drop a copy resent after a crash (delivery is at least once).
 */
export interface OutboxMessage {
  readonly id: string;
  readonly caseId: string;
  readonly kind: string;
  readonly recipientKind: RecipientKind;
  /** The association id or the département. */
  readonly recipientKey: string;
  readonly subject: string;
  /** No personal data: the file number, what happened, a link. */
  readonly body: string;
  /** Not sent before this instant (deadline alerts), ISO. */
  readonly notBefore: string;
}

export interface Directory {
  /** The address of a recipient, or undefined (the message is then kept as undeliverable). */
  addressOf(kind: RecipientKind, key: string): string | undefined;
}

/** `NOTIFY_DIRECTORY`: `{"associations": {"asso-69-nid": "…"}, "prefectures": {"69": "…"}}`. */
export function directoryFromJson(json: string | undefined): Directory {
  const parsed = (json ? JSON.parse(json) : {}) as {
    associations?: Record<string, string>;
    prefectures?: Record<string, string>;
  };
  return {
    addressOf: (kind, key) =>
      (kind === 'association' ? parsed.associations : parsed.prefectures)?.[key] ?? undefined,
  };
}
