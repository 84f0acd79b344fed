/**
 * Every stable rule ID of the rule book (psp-rules.md): the product decisions, the transitions of
 * section 2.3 and the rules of sections 1 to 6. Each must be enforced by a machine or a rule
 * function and named by at least one test (test/docs/rule-coverage.spec.ts checks it).
 */
export const RULE_IDS = [
  ...['PD-1', 'PD-2', 'PD-3', 'PD-4', 'PD-5', 'PD-6'],
  ...range('T', 1, 20, 0),
  ...range('PSP-', 1, 16),
  ...range('DUR-', 1, 5),
  ...range('APS-', 1, 15),
  ...range('AFIS-', 1, 6),
  ...range('ACL-', 1, 8),
  ...range('COM-', 1, 8),
  ...range('AGR-', 1, 11),
] as const;

function range(prefix: string, from: number, to: number, pad = 2): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${String(from + i).padStart(pad, '0')}`);
}
