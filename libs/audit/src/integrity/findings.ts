/**
 * What a verification found wrong. `altered`, `removed`, `reordered` and `inserted` are about
 * events of the store; `digest` about the digest log itself; `machine` about a stream written by
 * a machine version this code does not know; `view` about a read view that disagrees with the fold.
 */
export type FindingKind = 'altered' | 'removed' | 'reordered' | 'inserted' | 'digest' | 'machine' | 'view';

export interface IntegrityFinding {
  readonly kind: FindingKind;
  readonly streamId?: string;
  readonly revision?: number;
  /** Global position of the event concerned (a decimal string), where it is known. */
  readonly globalPosition?: string;
  readonly message: string;
}

/** In log order (global position), findings with no position last: the first one is the first wrong event. */
export function sortFindings(findings: readonly IntegrityFinding[]): IntegrityFinding[] {
  return [...findings].sort((a, b) => {
    if (a.globalPosition === undefined || b.globalPosition === undefined) {
      return a.globalPosition === b.globalPosition ? 0 : a.globalPosition === undefined ? 1 : -1;
    }
    const pa = BigInt(a.globalPosition);
    const pb = BigInt(b.globalPosition);
    return pa < pb ? -1 : pa > pb ? 1 : 0;
  });
}

/** One line naming the finding: what, where (stream, revision, position). */
export function describeFinding(finding: IntegrityFinding): string {
  const where = [
    finding.streamId && `stream ${finding.streamId}`,
    finding.revision !== undefined && `revision ${finding.revision}`,
    finding.globalPosition !== undefined && `global position ${finding.globalPosition}`,
  ]
    .filter(Boolean)
    .join(', ');
  return `${finding.kind.toUpperCase()}${where ? ` (${where})` : ''}: ${finding.message}`;
}
