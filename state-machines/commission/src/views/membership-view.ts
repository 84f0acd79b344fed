import { CalendarDate } from '@psp/legal-kernel';
import { Chair, ExpiredTerm, RosterMember } from '../events';
import { CommissionContext, MemberRecord, isSittingOn, termExpiredOn } from '../membership/context';
import type { CommissionSnapshot } from '../membership/fold';
import { CommissionParameters, DEFAULT_COMMISSION_PARAMETERS, categoryOn } from '../parameters';
import { requiresJointChair } from '../rules/membership-rules';

export interface MemberView extends MemberRecord {
  readonly categoryLabel?: string;
  readonly categoryItem?: string;
  readonly sitting: boolean;
  /** COM-01: sits by office (2° to 8°), with no term. */
  readonly exOfficio: boolean;
  /** COM-02: the term ended and the seat was neither renewed nor filled by a successor. */
  readonly termExpired: boolean;
  /** COM-05: no training session recorded yet. */
  readonly trainingPending: boolean;
}

export interface CommissionView {
  readonly commissionId?: string;
  readonly departement?: string;
  readonly constitutedOn?: CalendarDate;
  readonly chairs: readonly Chair[];
  /** COM-03: two co-chairs and two signatories are required. */
  readonly jointChairRequired: boolean;
  readonly members: readonly MemberView[];
  readonly sittingCount: number;
}

/**
 * The roster on a date, to copy into `SessionConvened` (COM-02 terms, departures; ACL-03 from the
 * category list in force that day). Chairs sit as members.
 */
export function rosterOn(
  state: { readonly context: CommissionContext },
  on: CalendarDate,
  parameters: CommissionParameters = DEFAULT_COMMISSION_PARAMETERS,
): RosterMember[] {
  const chairs: RosterMember[] = state.context.chairs.map((chair) => ({
    memberId: chair.memberId,
    category: 'chair',
    role: 'chair',
    individualCaseAccess: true,
  }));
  const members = state.context.members
    .filter((member) => isSittingOn(member, on))
    .map((member): RosterMember => ({
      memberId: member.memberId,
      category: member.category,
      role: 'member',
      ...(member.associationId ? { associationId: member.associationId } : {}),
      individualCaseAccess: categoryOn(parameters, member.category, on)?.individualCaseAccess ?? false,
    }));
  return [...chairs, ...members];
}

/**
 * COM-02: the members whose term ended before `on` and who were neither renewed, nor replaced, nor
 * recorded as gone: copied into `SessionConvened` so that the sitting refuses them naming their term.
 */
export function expiredTermsOn(
  state: { readonly context: CommissionContext },
  on: CalendarDate,
): ExpiredTerm[] {
  const latest = new Map(state.context.members.map((member) => [member.memberId, member]));
  return [...latest.values()]
    .filter((member) => termExpiredOn(member, on))
    .map((member) => ({ memberId: member.memberId, termStart: member.termStart, termEnd: member.termEnd! }));
}

/** COM-05: members sitting on `on` with no training recorded. */
export function untrainedMembers(state: { readonly context: CommissionContext }, on: CalendarDate): string[] {
  return state.context.members
    .filter((member) => isSittingOn(member, on) && member.trainingCompletedAt === undefined)
    .map((member) => member.memberId);
}

export function commissionView(
  state: CommissionSnapshot,
  on: CalendarDate,
  parameters: CommissionParameters = DEFAULT_COMMISSION_PARAMETERS,
): CommissionView {
  const { context } = state;
  const members = context.members.map((member): MemberView => {
    const definition = categoryOn(parameters, member.category, on);
    return {
      ...member,
      ...(definition ? { categoryLabel: definition.label, categoryItem: definition.item } : {}),
      sitting: isSittingOn(member, on),
      exOfficio: member.termEnd === undefined,
      termExpired: termExpiredOn(member, on),
      trainingPending: member.trainingCompletedAt === undefined,
    };
  });
  return {
    ...(context.commissionId ? { commissionId: context.commissionId } : {}),
    ...(context.departement ? { departement: context.departement } : {}),
    ...(context.constitutedOn ? { constitutedOn: context.constitutedOn } : {}),
    chairs: context.chairs,
    jointChairRequired: context.departement ? requiresJointChair(context.departement, on, parameters) : false,
    members,
    sittingCount: members.filter((member) => member.sitting).length,
  };
}
