/**
 * Rules are named pure functions that return the reasons they fail (PD-6), so a refused
 * command can say `PSP-06: the 24-month cap is reached`.
 */
export interface RuleViolation {
  /** Stable rule ID from the rule book (`PSP-06`, `APS-02`, `AFIS-05`, `COM-07`, `AGR-05`, `DUR-02`, `PD-4`…). */
  readonly rule: string;
  /** One sentence a case handler understands, without personal data. */
  readonly message: string;
  /** The missing document, opinion or field, where the rule needs one (PD-6). */
  readonly missing?: string;
}

export type RuleResult = readonly RuleViolation[];

export const satisfied: RuleResult = Object.freeze([]);

export function violation(rule: string, message: string, missing?: string): RuleResult {
  return [missing === undefined ? { rule, message } : { rule, message, missing }];
}

/** Runs every check and gathers all reasons, so the handler sees everything missing at once. */
export function allOf(...results: RuleResult[]): RuleResult {
  return results.flat();
}

export function isSatisfied(result: RuleResult): boolean {
  return result.length === 0;
}

export function describeViolations(result: RuleResult): string {
  return result.map((v) => `${v.rule}: ${v.message}`).join('; ');
}

/** Warnings do not refuse a command but travel with its answer (PD-4: a minor's request, Q4's sworn statement). */
export type RuleWarning = RuleViolation;
