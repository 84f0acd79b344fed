import { RuleViolation } from '@psp/legal-kernel';

/** An RFC 9457 problem document, the one shape every refused request gets. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  /** Rule book IDs that refused the command (PD-6). */
  readonly rules?: readonly RuleViolation[];
  /** Fields of the request that are wrong, with what is wrong (never their values). */
  readonly errors?: readonly { readonly field: string; readonly problems: readonly string[] }[];
  readonly [extension: string]: unknown;
}

export const PROBLEM_BASE = 'https://psp-case-engine.example/problems/';

export function problem(
  status: number,
  slug: string,
  title: string,
  extra: Partial<ProblemDetails> = {},
): ProblemDetails {
  return { type: `${PROBLEM_BASE}${slug}`, title, status, ...extra };
}
