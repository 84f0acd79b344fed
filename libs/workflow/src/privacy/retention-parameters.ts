import { CalendarDate, DatedSeries, addDays, addMonths, valueOn } from '@psp/legal-kernel';
import { ClosedCaseStatus } from './closed-statuses';

/**
 * Retention of closed case records, as date-effective product parameters (PD-5 style; requirement
 * R14, CNIL social-sector retention référentiel). The value in force on the day of the case's
 * last event applies. Defaults are the product's proposal, to be confirmed with the DPO of each
 * deployment (docs/security.md lists them and why).
 */
export interface RetentionParameters {
  /** Years a closed case is kept after its last event, by final status. */
  readonly yearsAfterLastEvent: Readonly<Record<ClosedCaseStatus, DatedSeries<number>>>;
  /** Days between the notice to the préfecture and the purge (DS: two weeks). */
  readonly noticeDays: DatedSeries<number>;
}

const SINCE_2016 = '2016-04-15';
const years = (value: number, source: string): DatedSeries<number> => [{ from: SINCE_2016, value, source }];

export const DEFAULT_RETENTION_PARAMETERS: RetentionParameters = {
  yearsAfterLastEvent: {
    // The residence card review after a completed parcours (APS-12) and its appeals.
    completed: years(5, 'product default (R14): CESEDA L.435-1 review after a completed PSP, then appeals'),
    refused: years(
      2,
      'product default (R14): appeal period (CJA R.421-1) and litigation, CNIL social référentiel',
    ),
    not_renewed: years(2, 'product default (R14): appeal period (CJA R.421-1) and litigation'),
    withdrawn: years(2, 'product default (R14): CNIL social référentiel, 2 years after the last contact'),
    closed: years(2, 'product default (R14): CNIL social référentiel, 2 years after the last contact'),
  },
  noticeDays: [
    { from: SINCE_2016, value: 14, source: 'product default (R14): notice two weeks before deletion' },
  ],
};

export interface RetentionSchedule {
  /** The first day the record may be purged. */
  readonly purgeOn: CalendarDate;
  /** The first day the notice goes out. */
  readonly noticeFrom: CalendarDate;
  readonly noticeDays: number;
}

/** When a case closed with `status` whose last event was on `lastEventOn` is due for purge. */
export function retentionSchedule(
  status: ClosedCaseStatus,
  lastEventOn: CalendarDate,
  parameters: RetentionParameters = DEFAULT_RETENTION_PARAMETERS,
): RetentionSchedule {
  const keepYears = valueOn(`retention.${status}`, parameters.yearsAfterLastEvent[status], lastEventOn);
  const noticeDays = valueOn('retention.noticeDays', parameters.noticeDays, lastEventOn);
  const purgeOn = addMonths(lastEventOn, keepYears * 12);
  return { purgeOn, noticeFrom: addDays(purgeOn, -noticeDays), noticeDays };
}
