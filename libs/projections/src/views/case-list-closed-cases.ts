import { CLOSED_CASE_STATUSES, ClosedCaseRow, ClosedCases } from '@psp/workflow';
import { ReadModelDatabase } from '../read-model/read-model-database';

/** Closed cases from the case_list view: the retention scheduler's and GET /retention/due's list. */
export class CaseListClosedCases implements ClosedCases {
  constructor(private readonly db: ReadModelDatabase) {}

  async list(departement?: string): Promise<ClosedCaseRow[]> {
    const statuses = CLOSED_CASE_STATUSES.map(() => '?').join(', ');
    const rows = await this.db.all<{
      case_id: string;
      departement: string;
      status: string;
      updated_at: string;
    }>(
      `SELECT case_id, departement, status, updated_at FROM rv_case_list WHERE status IN (${statuses})
       ${departement === undefined ? '' : 'AND departement = ?'} ORDER BY updated_at, case_id`,
      departement === undefined ? [...CLOSED_CASE_STATUSES] : [...CLOSED_CASE_STATUSES, departement],
    );
    return rows.map((r) => ({
      caseId: r.case_id,
      departement: r.departement,
      status: r.status,
      lastEventAt: r.updated_at,
    }));
  }
}
