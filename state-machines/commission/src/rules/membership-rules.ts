import { CalendarDate, RuleResult, addDays, addMonths, allOf, satisfied, violation } from '@psp/legal-kernel';
import { Appointment, Chair, ChairRole, MembershipEvent } from '../events';
import { CommissionContext, MemberRecord, isSittingOn, memberRecord } from '../membership/context';
import { CommissionParameters, MemberCategory, categoryOn, commissionParameterOn } from '../parameters';

/** COM-03: Paris and the Bouches-du-Rhône are chaired jointly with the préfet de police. */
export function requiresJointChair(
  departement: string,
  on: CalendarDate,
  parameters: CommissionParameters,
): boolean {
  return commissionParameterOn(parameters, 'jointChairDepartements', on).includes(departement);
}

/** COM-03 (R.121-12-7): one chair (the préfet), or two co-chairs (préfet and préfet de police) in 75 and 13. */
export function chairsMatchDepartement(
  departement: string,
  chairs: readonly Chair[],
  on: CalendarDate,
  parameters: CommissionParameters,
): RuleResult {
  const roles = chairs.map((chair) => chair.role).sort();
  if (requiresJointChair(departement, on, parameters)) {
    return roles.length === 2 && roles[0] === 'prefet' && roles[1] === 'prefet_de_police'
      ? satisfied
      : violation(
          'COM-03',
          `département ${departement} is chaired jointly by the préfet and the préfet de police: two co-chairs are required`,
          'coChairs',
        );
  }
  return roles.length === 1 && roles[0] === 'prefet'
    ? satisfied
    : violation('COM-03', 'the commission is chaired by the préfet de département alone', 'chair');
}

/** COM-01 + COM-03: the préfet sets the list by order; in 75 and 13 both préfets sign it. */
export function listSignedByChairs(
  departement: string,
  signatories: readonly ChairRole[],
  on: CalendarDate,
  parameters: CommissionParameters,
): RuleResult {
  if (requiresJointChair(departement, on, parameters)) {
    return signatories.includes('prefet') && signatories.includes('prefet_de_police')
      ? satisfied
      : violation(
          'COM-03',
          `in département ${departement} the member list is set jointly: the préfet and the préfet de police must both sign`,
          'signatories',
        );
  }
  return signatories.includes('prefet')
    ? satisfied
    : violation('COM-01', 'the member list is set by order of the préfet', 'signatories');
}

/** COM-01 (R.121-12-7): the category is in the list in force on the date (date-effective, PD-5). */
export function categoryInForce(
  category: MemberCategory,
  on: CalendarDate,
  parameters: CommissionParameters,
): RuleResult {
  return categoryOn(parameters, category, on)
    ? satisfied
    : violation('COM-01', `category ${category} is not in the R.121-12-7 list in force on ${on}`);
}

/** COM-01: the category sits by office (2° to 8°) rather than by the préfet's order naming the member. */
export function sitsExOfficio(
  category: MemberCategory,
  on: CalendarDate,
  parameters: CommissionParameters,
): boolean {
  return categoryOn(parameters, category, on)?.designation === 'ex_officio';
}

/**
 * COM-01 / COM-02 (R.121-12-7): only the members the préfet names (1°, 9°, 10°, 11° and the 2025
 * child-protection seats) are appointed for 3 years; ex officio members (2° to 8°) have no term.
 * A replacement sits for the rest of the replaced member's term (CRPA R.133-4); a successor named
 * after that term ended sits for a full term.
 */
export function termEndOfAppointment(
  category: MemberCategory,
  termStart: CalendarDate,
  replaced: MemberRecord | undefined,
  parameters: CommissionParameters,
): CalendarDate | undefined {
  if (sitsExOfficio(category, termStart, parameters)) return undefined;
  if (replaced?.termEnd !== undefined && termStart <= replaced.termEnd) return replaced.termEnd;
  return termEndFrom(termStart, parameters);
}

/** COM-02 (R.121-12-7): a 3-year term, last day included. */
export function termEndFrom(termStart: CalendarDate, parameters: CommissionParameters): CalendarDate {
  const years = commissionParameterOn(parameters, 'termYears', termStart);
  return addDays(addMonths(termStart, years * 12), -1);
}

function appointmentRules(
  context: CommissionContext,
  appointment: Appointment,
  orderedOn: CalendarDate,
  parameters: CommissionParameters,
): RuleResult {
  const termStart = appointment.termStart ?? orderedOn;
  const current = memberRecord(context, appointment.memberId);
  const replaced = appointment.replacesMemberId
    ? memberRecord(context, appointment.replacesMemberId)
    : undefined;
  return allOf(
    categoryInForce(appointment.category, termStart, parameters),
    current &&
      (current.leftOn === undefined || current.leftOn > termStart) &&
      (current.termEnd === undefined || current.termEnd >= termStart)
      ? violation(
          'COM-02',
          current.termEnd === undefined
            ? `member ${appointment.memberId} already sits ex officio`
            : `member ${appointment.memberId} already holds a running term (${current.termStart} to ${current.termEnd}): renew it instead`,
        )
      : satisfied,
    appointment.category === 'approved_association' && !appointment.associationId
      ? violation(
          'ACL-01',
          'a representative of an approved association names the association (recusal)',
          'associationId',
        )
      : satisfied,
    appointment.replacesMemberId === undefined
      ? satisfied
      : replaced === undefined
        ? violation('COM-02', `member ${appointment.replacesMemberId} to replace is unknown`)
        : allOf(
            (replaced.leftOn !== undefined && replaced.leftOn <= termStart) ||
              (replaced.termEnd !== undefined && replaced.termEnd < termStart)
              ? satisfied
              : violation(
                  'COM-02',
                  `member ${replaced.memberId} has neither left nor reached the end of the term: there is no seat to fill`,
                ),
            replaced.replacedBy === undefined
              ? satisfied
              : violation(
                  'COM-02',
                  `member ${replaced.memberId} was already replaced by ${replaced.replacedBy}`,
                ),
            replaced.category === appointment.category
              ? satisfied
              : violation('COM-02', 'a replacement sits in the seat of the same category (CRPA R.133-4)'),
          ),
  );
}

/** COM-05 (instruction 2022 §1.3): training given by an approved association of an accepted level. */
export function trainingByApprovedAssociation(
  level: string,
  on: CalendarDate,
  parameters: CommissionParameters,
): RuleResult {
  return (commissionParameterOn(parameters, 'trainerLevels', on) as readonly string[]).includes(level)
    ? satisfied
    : violation(
        'COM-05',
        `training must be given by an approved association (level ${level} is not accepted)`,
      );
}

/** The rules a membership event must satisfy given the context (the machine adds the lifecycle). */
export function membershipEventRules(
  context: CommissionContext,
  event: MembershipEvent,
  parameters: CommissionParameters,
): RuleResult {
  const departement = context.departement ?? '';
  switch (event.type) {
    case 'CommissionConstituted':
      return chairsMatchDepartement(
        event.data.departement,
        event.data.chairs,
        event.data.constitutedOn,
        parameters,
      );
    case 'MembersAppointed': {
      const ids = event.data.appointments.map((appointment) => appointment.memberId);
      return allOf(
        listSignedByChairs(departement, event.data.signatories, event.data.orderedOn, parameters),
        event.data.appointments.length > 0
          ? satisfied
          : violation('COM-01', 'the order appoints at least one member', 'appointments'),
        new Set(ids).size === ids.length
          ? satisfied
          : violation('COM-01', 'a member is appointed twice in one order'),
        ...event.data.appointments.map((appointment) =>
          appointmentRules(context, appointment, event.data.orderedOn, parameters),
        ),
      );
    }
    case 'MemberTermRenewed': {
      const member = memberRecord(context, event.data.memberId);
      return allOf(
        listSignedByChairs(departement, event.data.signatories, event.data.orderedOn, parameters),
        member === undefined
          ? violation('COM-02', `member ${event.data.memberId} is unknown`)
          : member.termEnd === undefined
            ? violation(
                'COM-02',
                `member ${member.memberId} sits ex officio (${member.category}): there is no term to renew (R.121-12-7)`,
              )
            : member.leftOn !== undefined
              ? violation('COM-02', `member ${member.memberId} left on ${member.leftOn}`)
              : event.data.orderedOn <= member.termEnd
                ? categoryInForce(member.category, addDays(member.termEnd, 1), parameters)
                : violation(
                    'COM-02',
                    `the term of member ${member.memberId} ran from ${member.termStart} to ${member.termEnd}: appoint the member again`,
                  ),
      );
    }
    case 'MemberLeft': {
      const member = memberRecord(context, event.data.memberId);
      return member !== undefined && isSittingOn(member, event.data.leftOn)
        ? satisfied
        : violation('COM-02', `member ${event.data.memberId} does not sit on ${event.data.leftOn}`);
    }
    case 'MemberTrainingCompleted': {
      const member = memberRecord(context, event.data.memberId);
      return allOf(
        member ? satisfied : violation('COM-05', `member ${event.data.memberId} is unknown`),
        trainingByApprovedAssociation(event.data.trainerLevel, event.data.completedOn, parameters),
      );
    }
  }
}
