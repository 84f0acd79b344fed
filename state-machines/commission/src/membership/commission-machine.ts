import { addDays, isSatisfied } from '@psp/legal-kernel';
import { assertEvent, assign, setup } from 'xstate';
import { MembershipEvent } from '../events';
import { CommissionParameters, DEFAULT_COMMISSION_PARAMETERS } from '../parameters';
import { membershipEventRules, termEndFrom, termEndOfAppointment } from '../rules/membership-rules';
import { CommissionContext, INITIAL_COMMISSION_CONTEXT, MemberRecord, memberRecord } from './context';

/** Recorded on every event appended to a `commission` stream. */
export const COMMISSION_MACHINE_VERSION = 2;

function replaceLatest(
  context: CommissionContext,
  memberId: string,
  update: (member: MemberRecord) => MemberRecord,
): readonly MemberRecord[] {
  const latest = memberRecord(context, memberId);
  return context.members.map((member) => (member === latest ? update(member) : member));
}

/**
 * The membership of one departmental commission (R.121-12-7; COM-01..COM-05), one stream per
 * commission. Sessions have their own streams (`commission-session` machine).
 */
export function createCommissionMachine(parameters: CommissionParameters = DEFAULT_COMMISSION_PARAMETERS) {
  return setup({
    types: { context: {} as CommissionContext, events: {} as MembershipEvent },
    guards: {
      rulesPass: ({ context, event }) => isSatisfied(membershipEventRules(context, event, parameters)),
    },
    actions: {
      constitute: assign(({ event }) => {
        assertEvent(event, 'CommissionConstituted');
        return {
          commissionId: event.data.commissionId,
          departement: event.data.departement,
          constitutedOn: event.data.constitutedOn,
          chairs: [...event.data.chairs],
        };
      }),
      appoint: assign(({ context, event }) => {
        assertEvent(event, 'MembersAppointed');
        const appointed = event.data.appointments.map((appointment): MemberRecord => {
          const termStart = appointment.termStart ?? event.data.orderedOn;
          const replaced = appointment.replacesMemberId
            ? memberRecord(context, appointment.replacesMemberId)
            : undefined;
          const termEnd = termEndOfAppointment(appointment.category, termStart, replaced, parameters);
          return {
            memberId: appointment.memberId,
            category: appointment.category,
            ...(appointment.associationId ? { associationId: appointment.associationId } : {}),
            appointedOn: event.data.orderedOn,
            termStart,
            ...(termEnd ? { termEnd } : {}),
            ...(appointment.replacesMemberId ? { replacesMemberId: appointment.replacesMemberId } : {}),
            renewedOn: [],
          };
        });
        const successors = new Map(
          event.data.appointments.flatMap((appointment) =>
            appointment.replacesMemberId
              ? [[appointment.replacesMemberId, appointment.memberId] as const]
              : [],
          ),
        );
        const members = context.members.map((member) => {
          const successor = successors.get(member.memberId);
          return successor && member === memberRecord(context, member.memberId)
            ? { ...member, replacedBy: successor }
            : member;
        });
        return { members: [...members, ...appointed] };
      }),
      renewTerm: assign(({ context, event }) => {
        assertEvent(event, 'MemberTermRenewed');
        return {
          // COM-02: renewable; the new term starts the day after the current one ends.
          members: replaceLatest(context, event.data.memberId, (member) =>
            member.termEnd === undefined
              ? member
              : {
                  ...member,
                  termEnd: termEndFrom(addDays(member.termEnd, 1), parameters),
                  renewedOn: [...member.renewedOn, event.data.orderedOn],
                },
          ),
        };
      }),
      recordDeparture: assign(({ context, event }) => {
        assertEvent(event, 'MemberLeft');
        return {
          members: replaceLatest(context, event.data.memberId, (member) => ({
            ...member,
            leftOn: event.data.leftOn,
            leftReason: event.data.reason,
          })),
        };
      }),
      recordTraining: assign(({ context, event }) => {
        assertEvent(event, 'MemberTrainingCompleted');
        return {
          members: replaceLatest(context, event.data.memberId, (member) => ({
            ...member,
            trainingCompletedAt: event.data.completedOn,
            trainerAssociationId: event.data.trainerAssociationId,
            trainerLevel: event.data.trainerLevel,
          })),
        };
      }),
    },
  }).createMachine({
    id: 'commission',
    context: INITIAL_COMMISSION_CONTEXT,
    initial: 'notConstituted',
    states: {
      notConstituted: {
        on: { CommissionConstituted: { guard: 'rulesPass', target: 'constituted', actions: 'constitute' } },
      },
      constituted: {
        on: {
          MembersAppointed: { guard: 'rulesPass', actions: 'appoint' },
          MemberTermRenewed: { guard: 'rulesPass', actions: 'renewTerm' },
          MemberLeft: { guard: 'rulesPass', actions: 'recordDeparture' },
          MemberTrainingCompleted: { guard: 'rulesPass', actions: 'recordTraining' },
        },
      },
    },
  });
}

export type CommissionMachine = ReturnType<typeof createCommissionMachine>;

export const commissionMachine: CommissionMachine = createCommissionMachine();
