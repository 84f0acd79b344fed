import { CalendarDate } from '@psp/legal-kernel';
import { MemberCategory, TrainerLevel } from '../parameters';
import { CommissionEvent } from './event';

/** COM-03: who chairs and signs the member list (R.121-12-7). */
export type ChairRole = 'prefet' | 'prefet_de_police';

export interface Chair {
  /** The chair sits as a member (counted in the roster and the quorum). */
  readonly memberId: string;
  readonly role: ChairRole;
}

/** The commission is installed by the préfet (or jointly, COM-03) for its département. */
export type CommissionConstituted = CommissionEvent<
  'CommissionConstituted',
  {
    readonly commissionId: string;
    readonly departement: string;
    readonly constitutedOn: CalendarDate;
    readonly chairs: readonly Chair[];
  }
>;

export interface Appointment {
  readonly memberId: string;
  readonly category: MemberCategory;
  /** COM-02: first day of the 3-year term (the order's date when absent). */
  readonly termStart?: CalendarDate;
  /** 11° (ACL-01): the approved association the member represents. */
  readonly associationId?: string;
  /** COM-02 (CRPA R.133-4): an early replacement sits for the rest of the replaced member's term. */
  readonly replacesMemberId?: string;
}

/** COM-01 / COM-03: the préfet's order (arrêté) setting members, signed by the chair(s). */
export type MembersAppointed = CommissionEvent<
  'MembersAppointed',
  {
    readonly orderedOn: CalendarDate;
    readonly signatories: readonly ChairRole[];
    readonly appointments: readonly Appointment[];
  }
>;

/** COM-02: the term is renewed for 3 more years from the end of the current one. */
export type MemberTermRenewed = CommissionEvent<
  'MemberTermRenewed',
  { readonly memberId: string; readonly orderedOn: CalendarDate; readonly signatories: readonly ChairRole[] }
>;

/** COM-02: a member left before the end of the term (the seat is filled by a replacement). */
export type MemberLeft = CommissionEvent<
  'MemberLeft',
  {
    readonly memberId: string;
    readonly leftOn: CalendarDate;
    readonly reason: 'resigned' | 'lost_office' | 'deceased' | 'other';
  }
>;

/** COM-05: the member attended the awareness/training session on prostitution. */
export type MemberTrainingCompleted = CommissionEvent<
  'MemberTrainingCompleted',
  {
    readonly memberId: string;
    readonly completedOn: CalendarDate;
    readonly trainerAssociationId: string;
    readonly trainerLevel: TrainerLevel;
  }
>;

export type MembershipEvent =
  CommissionConstituted | MembersAppointed | MemberTermRenewed | MemberLeft | MemberTrainingCompleted;

export type MembershipEventType = MembershipEvent['type'];

export const MEMBERSHIP_EVENT_TYPES: readonly MembershipEventType[] = [
  'CommissionConstituted',
  'MembersAppointed',
  'MemberTermRenewed',
  'MemberLeft',
  'MemberTrainingCompleted',
];
