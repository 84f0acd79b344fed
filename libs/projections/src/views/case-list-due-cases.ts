import { CalendarDate } from '@psp/legal-kernel';
import { DueCases } from '@psp/workflow';
import { ReadModelDatabase } from '../read-model/read-model-database';

/** Cases whose next deadline has passed, from the case_list view (the scheduler's to-do list). */
export class CaseListDueCases implements DueCases {
  constructor(private readonly db: ReadModelDatabase) {}

  async before(today: CalendarDate): Promise<string[]> {
    const rows = await this.db.all<{ case_id: string }>(
      'SELECT case_id FROM rv_case_list WHERE next_deadline IS NOT NULL AND next_deadline < ? ORDER BY next_deadline',
      [today],
    );
    return rows.map((r) => r.case_id);
  }
}
