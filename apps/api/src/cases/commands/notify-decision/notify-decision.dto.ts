import { IsBoolean } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** T7: the decision is notified to the person and the association (DecisionNotified; PSP-05, R.121-12-10). */
export class NotifyDecisionDto {
  @IsCalendarDate()
  notifiedOn!: string;

  /** PSP-05: notified to the person. */
  @IsBoolean()
  toPerson!: boolean;

  /** PSP-05: notified to the instructing association. */
  @IsBoolean()
  toAssociation!: boolean;
}

export const notifyDecision = body(NotifyDecisionDto, {
  notifiedOn: '2024-03-12',
  toPerson: true,
  toAssociation: true,
});
