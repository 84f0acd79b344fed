import { CASE_LIST_ITEM_FIELDS, unclassifiedFields } from '@psp/security';
import { caseListItem } from './case-list-item';

describe('GET /cases items (R1, R3)', () => {
  it('R1: every field of a list item is classified, so a new column is shown to nobody until it is', () => {
    const item = caseListItem({
      case_id: 'c-1',
      departement: '69',
      association_id: 'asso-1',
      status: 'active',
      stage: 'renewal_instructing',
      aps_status: 'issued',
      afis_status: 'paying',
      period_index: 1,
      period_end: '2024-08-31',
      used_days: 120,
      left_months: 18,
      left_days: 0,
      next_deadline: '2024-08-31',
      opened_on: '2024-01-05',
      revision: 7,
    });
    expect(unclassifiedFields(item, CASE_LIST_ITEM_FIELDS)).toEqual([]);
  });
});
