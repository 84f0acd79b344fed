import { Role } from '../authorisation/roles';
import { FieldTable } from './disclose';

/** The roles shown as columns of the matrix, in the order of the rule book (1.2). */
export const MATRIX_ROLES: readonly Role[] = [
  'association',
  'prefecture',
  'commission_secretariat',
  'commission_member',
  'foreigners_department',
  'afis_payer',
  'auditor',
  'analyst',
];

/** The role × field matrix of a classification table as a Markdown table (docs/security.md). */
export function renderFieldMatrix(table: FieldTable, roles: readonly Role[] = MATRIX_ROLES): string {
  const header = `| field | class | ${roles.join(' | ')} | rule |`;
  const rule = `|---|---|${roles.map(() => ':-:').join('|')}|---|`;
  const rows = Object.entries(table).map(
    ([path, field]) =>
      `| \`${path}\` | ${field.class} | ${roles.map((role) => (field.roles.includes(role) ? '✔' : '')).join(' | ')} | ${field.rule} |`,
  );
  return [header, rule, ...rows].join('\n');
}
