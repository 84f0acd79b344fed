/** A row of the `rv_case_list` view. */
export interface CaseListRow {
  case_id: string;
  departement: string;
  association_id: string;
  status: string;
  stage: string | null;
  aps_status: string;
  afis_status: string;
  period_index: number | null;
  period_end: string | null;
  used_days: number;
  left_months: number;
  left_days: number;
  next_deadline: string | null;
  opened_on: string;
  revision: number;
  /** `69-2026-0042` (rv_file_numbers); null until the projector numbered the case. */
  file_number?: string | null;
}

/** One item of `GET /cases` before disclosure (every field is classified in `CASE_LIST_ITEM_FIELDS`). */
export function caseListItem(r: CaseListRow) {
  return {
    caseId: r.case_id,
    fileNumber: r.file_number ?? undefined,
    departement: r.departement,
    associationId: r.association_id,
    status: r.status,
    stage: r.stage ?? undefined,
    aps: r.aps_status,
    afis: r.afis_status,
    periodIndex: r.period_index === null ? undefined : Number(r.period_index),
    periodEnd: r.period_end ?? undefined,
    rightsUsedDays: Number(r.used_days),
    rightsLeft: { months: Number(r.left_months), days: Number(r.left_days) },
    nextDeadline: r.next_deadline ?? undefined,
    openedOn: r.opened_on,
    revision: Number(r.revision),
  };
}
