/**
 * Who is told: the instructing association, the préfecture services of the département, or a
 * member of the département's commission (convocations, term alerts; ADR 0024).
 */
export type RecipientKind = 'association' | 'prefecture' | 'member';

/**
 * One message waiting in the outbox. Its id is deterministic (the event and the recipient), so
 * that the same event never enqueues it twice; the e-mail's Message-ID derives from it, so that
 * a receiver can drop a copy resent after a crash (delivery is at least once).
 */
export interface OutboxMessage {
  readonly id: string;
  /** What the message is about: a case id, an association id, `commission-session:<id>`, `commission-member:<dept>:<id>`. */
  readonly caseId: string;
  /** The département the message concerns (the outbox route shows a département its own; need to know). */
  readonly departement?: string;
  readonly kind: string;
  readonly recipientKind: RecipientKind;
  /** The association id, the département, or `<département>/<member id>`. */
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

/**
 * `NOTIFY_DIRECTORY`: `{"associations": {"asso-69-nid": "…"}, "prefectures": {"69": "…"},
 * "members": {"69": {"member-judge-69": "…"}}}` (members by département, then member id).
 */
export function directoryFromJson(json: string | undefined): Directory {
  const parsed = (json ? JSON.parse(json) : {}) as {
    associations?: Record<string, string>;
    prefectures?: Record<string, string>;
    members?: Record<string, Record<string, string>>;
  };
  if (parsed.members !== undefined) {
    const valid =
      typeof parsed.members === 'object' &&
      parsed.members !== null &&
      Object.values(parsed.members).every(
        (byId) =>
          typeof byId === 'object' &&
          byId !== null &&
          Object.values(byId).every((a) => typeof a === 'string'),
      );
    if (!valid) throw new Error('NOTIFY_DIRECTORY.members must map a département to {member id: address}');
  }
  return {
    addressOf: (kind, key) => {
      if (kind === 'member') {
        const slash = key.indexOf('/');
        return slash < 0 ? undefined : parsed.members?.[key.slice(0, slash)]?.[key.slice(slash + 1)];
      }
      return (kind === 'association' ? parsed.associations : parsed.prefectures)?.[key] ?? undefined;
    },
  };
}
