/** The case statuses (PD-1) a case never leaves: the only ones retention and erasure act on. */
export const CLOSED_CASE_STATUSES = ['completed', 'withdrawn', 'refused', 'not_renewed', 'closed'] as const;

export type ClosedCaseStatus = (typeof CLOSED_CASE_STATUSES)[number];

export function isClosedCaseStatus(status: string): status is ClosedCaseStatus {
  return (CLOSED_CASE_STATUSES as readonly string[]).includes(status);
}
