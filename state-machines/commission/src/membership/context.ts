import { CalendarDate } from '@psp/legal-kernel';
import { Chair } from '../events';
import { MemberCategory, TrainerLevel } from '../parameters';

/** One member's seat and term (COM-02), training (COM-05) and departure. */
export interface MemberRecord {
  readonly memberId: string;
  readonly category: MemberCategory;
  readonly associationId?: string;
  readonly appointedOn: CalendarDate;
  readonly termStart: CalendarDate;
  /**
   * COM-02: last day of the term: start + 3 years − 1 day, or the replaced member's term end
   * (R.133-4). Absent for an ex officio member (2° to 8°), who sits by office with no term (COM-01).
   */
  readonly termEnd?: CalendarDate;
  readonly replacesMemberId?: string;
  /** COM-02: a successor was appointed to this member's seat (after a departure or the end of the term). */
  readonly replacedBy?: string;
  readonly renewedOn: readonly CalendarDate[];
  readonly leftOn?: CalendarDate;
  readonly leftReason?: string;
  /** COM-05: date of the awareness/training session. */
  readonly trainingCompletedAt?: CalendarDate;
  readonly trainerAssociationId?: string;
  readonly trainerLevel?: TrainerLevel;
}

export interface CommissionContext {
  readonly commissionId?: string;
  readonly departement?: string;
  readonly constitutedOn?: CalendarDate;
  readonly chairs: readonly Chair[];
  /** Every member ever appointed (history kept for audits and terms). */
  readonly members: readonly MemberRecord[];
}

export const INITIAL_COMMISSION_CONTEXT: CommissionContext = { chairs: [], members: [] };

/** Sitting on `on`: the term (if any: ex officio members have none) covers the date and the member has not left. */
export function isSittingOn(member: MemberRecord, on: CalendarDate): boolean {
  return (
    member.termStart <= on &&
    (member.termEnd === undefined || on <= member.termEnd) &&
    (member.leftOn === undefined || on < member.leftOn)
  );
}

/** COM-02: the term ended before `on`, and the member neither left nor was replaced (the seat awaits the préfet). */
export function termExpiredOn(member: MemberRecord, on: CalendarDate): boolean {
  return (
    member.termEnd !== undefined &&
    member.termEnd < on &&
    member.leftOn === undefined &&
    member.replacedBy === undefined
  );
}

/** The latest record of a member id. */
export function memberRecord(context: CommissionContext, memberId: string): MemberRecord | undefined {
  return [...context.members].reverse().find((member) => member.memberId === memberId);
}
