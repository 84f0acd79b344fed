import { CalendarDate, isSatisfied } from '@psp/legal-kernel';
import { assertEvent, assign, setup } from 'xstate';
import { AgrementStreamEvent, ApplicationData } from '../events';
import { AgrementParameters, DEFAULT_AGREMENT_PARAMETERS, agrementParameterOn } from '../parameters';
import { agrementEventRules } from '../rules/event-rules';
import { missingFileItems } from '../rules/application-rules';
import { renewalStart, silenceDeadline, termEnd } from '../rules/clock-rules';
import { addDays } from '@psp/legal-kernel';
import {
  AgrementContext,
  AgrementDecisionRecord,
  AgrementTerm,
  ApplicationOnFile,
  INITIAL_AGREMENT_CONTEXT,
  currentTerm,
} from './context';

/** Recorded on every event appended to an association stream (ARCHITECTURE: versions are data). */
export const AGREMENT_MACHINE_VERSION = 2;

function openApplication(data: ApplicationData, kind: ApplicationOnFile['kind']): ApplicationOnFile {
  return { ...data, kind, completeness: 'awaiting', missingItems: [], itemsOnFile: [...data.fileItems] };
}

function record(
  context: AgrementContext,
  decision: AgrementDecisionRecord,
): readonly AgrementDecisionRecord[] {
  return [...context.decisions, decision];
}

/** AGR-05: the date silence granted the application (it is the event's date when the scheduler ran late). */
function silenceGrantDate(
  context: AgrementContext,
  on: CalendarDate,
  parameters: AgrementParameters,
): CalendarDate {
  const application = context.application as ApplicationOnFile;
  return silenceDeadline(application, parameters) ?? on;
}

/**
 * The agrément of one association (R.121-12-1 to R.121-12-5), one stream per association (PD-3).
 * Guards call the named rules of `rules/`; time comes from the events only.
 */
export function createAgrementMachine(parameters: AgrementParameters = DEFAULT_AGREMENT_PARAMETERS) {
  return setup({
    types: {
      context: {} as AgrementContext,
      events: {} as AgrementStreamEvent,
    },
    guards: {
      rulesPass: ({ context, event }) => isSatisfied(agrementEventRules(context, event, parameters)),
    },
    actions: {
      recordApplication: assign(({ event }) => {
        assertEvent(event, 'AgrementApplied');
        return {
          associationId: event.data.associationId,
          headOfficeDepartement: event.data.headOfficeDepartement,
          declaredOn: event.data.declaredOn,
          application: openApplication(event.data, 'initial'),
          withdrawal: undefined,
        };
      }),
      recordRenewalApplication: assign(({ event }) => {
        assertEvent(event, 'AgrementRenewalApplied');
        return { application: openApplication(event.data, 'renewal') };
      }),
      recordMissingDocumentsRequest: assign(({ context, event }) => {
        assertEvent(event, 'MissingDocumentsRequested');
        const application = context.application as ApplicationOnFile;
        return {
          application: {
            ...application,
            completeness: 'documents_requested' as const,
            missingDocumentsRequestedOn: event.data.requestedOn,
            missingItems: [...event.data.missingItems],
          },
        };
      }),
      recordMissingDocumentsReceived: assign(({ context, event }) => {
        assertEvent(event, 'MissingDocumentsReceived');
        const application = context.application as ApplicationOnFile;
        const itemsOnFile = [...new Set([...application.itemsOnFile, ...event.data.items])];
        return {
          application: {
            ...application,
            completeness: 'complete' as const,
            completeOn: event.data.receivedOn,
            itemsOnFile,
            missingItems: missingFileItems(itemsOnFile, application.receivedOn, parameters),
          },
        };
      }),
      recordDeemedComplete: assign(({ context, event }) => {
        assertEvent(event, 'FileDeemedComplete');
        const application = context.application as ApplicationOnFile;
        // AGR-04: no request within 2 months, so the file counted as complete from its receipt.
        return {
          application: {
            ...application,
            completeness: 'deemed_complete' as const,
            completeOn: application.receivedOn,
          },
        };
      }),
      grantTerm: assign(({ context, event }) => {
        assertEvent(event, ['AgrementGranted', 'AgrementGrantedBySilence', 'AgrementRenewed']);
        const application = context.application as ApplicationOnFile;
        const running = currentTerm(context);
        const renewal = application.kind === 'renewal';
        const bySilence = event.type === 'AgrementGrantedBySilence';
        const decidedOn = bySilence
          ? silenceGrantDate(context, event.data.on, parameters)
          : event.data.decidedOn;
        const effectiveOn =
          event.type === 'AgrementGranted' ? (event.data.validFrom ?? decidedOn) : decidedOn;
        const validFrom = renewal && running ? renewalStart(running.validTo, effectiveOn) : effectiveOn;
        // AGR-07: a renewal decided after the term's last day kept it in force until the eve of the new term.
        const previous =
          renewal && running && addDays(validFrom, -1) > running.validTo
            ? context.terms.map((t) => (t === running ? { ...t, continuedTo: addDays(validFrom, -1) } : t))
            : context.terms;
        const term: AgrementTerm = {
          kind: renewal
            ? bySilence
              ? 'renewed_by_silence'
              : 'renewed'
            : bySilence
              ? 'granted_by_silence'
              : 'granted',
          applicationId: application.applicationId,
          decidedOn,
          validFrom,
          validTo: termEnd(validFrom, parameters),
          // AGR-05 + AGR-09: silence grants the request as filed.
          departements: bySilence ? [...application.requestedDepartements] : [...event.data.departements],
          ...(bySilence ? {} : { decidedByDepartement: event.data.decidedByDepartement }),
          ...(application.levelNote ? { levelNote: application.levelNote } : {}),
        };
        return {
          terms: [...previous, term],
          application: undefined,
          decisions: record(context, {
            type: term.kind,
            on: decidedOn,
            applicationId: application.applicationId,
          }),
        };
      }),
      recordRefusal: assign(({ context, event }) => {
        assertEvent(event, ['AgrementRefused', 'AgrementRenewalRefused']);
        const running = currentTerm(context);
        // AGR-07: a renewal refused after the term's last day kept it in force until the eve of the refusal.
        const terms =
          event.type === 'AgrementRenewalRefused' &&
          running &&
          addDays(event.data.decidedOn, -1) > running.validTo
            ? context.terms.map((t) =>
                t === running ? { ...t, continuedTo: addDays(event.data.decidedOn, -1) } : t,
              )
            : context.terms;
        return {
          terms,
          application: undefined,
          decisions: record(context, {
            type: event.type === 'AgrementRefused' ? 'refused' : 'renewal_refused',
            on: event.data.decidedOn,
            applicationId: event.data.applicationId,
            reasons: [...event.data.reasons],
          }),
        };
      }),
      openWithdrawal: assign(({ context, event }) => {
        assertEvent(event, 'WithdrawalProposed');
        const days = agrementParameterOn(parameters, 'withdrawalObservationDays', event.data.proposedOn);
        return {
          withdrawal: {
            proposedOn: event.data.proposedOn,
            grounds: [...event.data.grounds],
            observationsDueOn: addDays(event.data.proposedOn, days),
          },
          decisions: record(context, { type: 'withdrawal_proposed', on: event.data.proposedOn }),
        };
      }),
      recordObservations: assign(({ context, event }) => {
        assertEvent(event, 'WithdrawalObservationsReceived');
        const withdrawal = context.withdrawal;
        return withdrawal
          ? { withdrawal: { ...withdrawal, observationsReceivedOn: event.data.receivedOn } }
          : {};
      }),
      abandonWithdrawal: assign(({ context, event }) => {
        assertEvent(event, 'WithdrawalAbandoned');
        return {
          withdrawal: undefined,
          decisions: record(context, { type: 'withdrawal_abandoned', on: event.data.decidedOn }),
        };
      }),
      withdraw: assign(({ context, event }) => {
        assertEvent(event, 'AgrementWithdrawn');
        const terms = context.terms.map((term, index) =>
          index === context.terms.length - 1 ? { ...term, withdrawnOn: event.data.decidedOn } : term,
        );
        return {
          terms,
          application: undefined,
          decisions: record(context, {
            type: 'withdrawn',
            on: event.data.decidedOn,
            reasons: [...event.data.grounds],
          }),
        };
      }),
      expire: assign(({ context, event }) => {
        assertEvent(event, 'AgrementExpired');
        // AGR-07: a pending renewal prevents the expiry (schema version 2); an expiry recorded before
        // that rule (schema version 1) let the pending renewal lapse: replayed as recorded.
        return {
          application: undefined,
          withdrawal: undefined,
          decisions: record(context, { type: 'expired', on: event.data.on }),
        };
      }),
    },
  }).createMachine({
    id: 'agrement',
    context: INITIAL_AGREMENT_CONTEXT,
    initial: 'unregistered',
    states: {
      unregistered: {
        on: { AgrementApplied: { guard: 'rulesPass', target: 'applied', actions: 'recordApplication' } },
      },
      applied: {
        on: {
          MissingDocumentsRequested: {
            guard: 'rulesPass',
            target: 'incomplete',
            actions: 'recordMissingDocumentsRequest',
          },
          FileDeemedComplete: { guard: 'rulesPass', target: 'complete', actions: 'recordDeemedComplete' },
          AgrementGranted: { guard: 'rulesPass', target: 'granted', actions: 'grantTerm' },
          AgrementGrantedBySilence: { guard: 'rulesPass', target: 'granted', actions: 'grantTerm' },
          AgrementRefused: { guard: 'rulesPass', target: 'refused', actions: 'recordRefusal' },
        },
      },
      incomplete: {
        on: {
          MissingDocumentsReceived: {
            guard: 'rulesPass',
            target: 'complete',
            actions: 'recordMissingDocumentsReceived',
          },
          AgrementRefused: { guard: 'rulesPass', target: 'refused', actions: 'recordRefusal' },
        },
      },
      complete: {
        on: {
          AgrementGranted: { guard: 'rulesPass', target: 'granted', actions: 'grantTerm' },
          AgrementGrantedBySilence: { guard: 'rulesPass', target: 'granted', actions: 'grantTerm' },
          AgrementRefused: { guard: 'rulesPass', target: 'refused', actions: 'recordRefusal' },
        },
      },
      refused: {
        on: { AgrementApplied: { guard: 'rulesPass', target: 'applied', actions: 'recordApplication' } },
      },
      granted: {
        type: 'parallel',
        on: {
          AgrementWithdrawn: { guard: 'rulesPass', target: 'withdrawn', actions: 'withdraw' },
          AgrementExpired: { guard: 'rulesPass', target: 'expired', actions: 'expire' },
        },
        states: {
          renewal: {
            initial: 'idle',
            states: {
              idle: {
                on: {
                  AgrementRenewalApplied: {
                    guard: 'rulesPass',
                    target: 'applied',
                    actions: 'recordRenewalApplication',
                  },
                },
              },
              applied: {
                on: {
                  MissingDocumentsRequested: {
                    guard: 'rulesPass',
                    target: 'incomplete',
                    actions: 'recordMissingDocumentsRequest',
                  },
                  FileDeemedComplete: {
                    guard: 'rulesPass',
                    target: 'complete',
                    actions: 'recordDeemedComplete',
                  },
                  AgrementRenewed: { guard: 'rulesPass', target: 'idle', actions: 'grantTerm' },
                  AgrementGrantedBySilence: { guard: 'rulesPass', target: 'idle', actions: 'grantTerm' },
                  AgrementRenewalRefused: { guard: 'rulesPass', target: 'idle', actions: 'recordRefusal' },
                },
              },
              incomplete: {
                on: {
                  MissingDocumentsReceived: {
                    guard: 'rulesPass',
                    target: 'complete',
                    actions: 'recordMissingDocumentsReceived',
                  },
                  AgrementRenewalRefused: { guard: 'rulesPass', target: 'idle', actions: 'recordRefusal' },
                },
              },
              complete: {
                on: {
                  AgrementRenewed: { guard: 'rulesPass', target: 'idle', actions: 'grantTerm' },
                  AgrementGrantedBySilence: { guard: 'rulesPass', target: 'idle', actions: 'grantTerm' },
                  AgrementRenewalRefused: { guard: 'rulesPass', target: 'idle', actions: 'recordRefusal' },
                },
              },
            },
          },
          withdrawal: {
            initial: 'none',
            states: {
              none: {
                on: {
                  WithdrawalProposed: { guard: 'rulesPass', target: 'proposed', actions: 'openWithdrawal' },
                },
              },
              proposed: {
                on: {
                  WithdrawalObservationsReceived: { guard: 'rulesPass', actions: 'recordObservations' },
                  WithdrawalAbandoned: { guard: 'rulesPass', target: 'none', actions: 'abandonWithdrawal' },
                },
              },
            },
          },
        },
      },
      withdrawn: {
        on: { AgrementApplied: { guard: 'rulesPass', target: 'applied', actions: 'recordApplication' } },
      },
      expired: {
        on: { AgrementApplied: { guard: 'rulesPass', target: 'applied', actions: 'recordApplication' } },
      },
    },
  });
}

export type AgrementMachine = ReturnType<typeof createAgrementMachine>;

/** The machine with the default parameter table. */
export const agrementMachine: AgrementMachine = createAgrementMachine();
