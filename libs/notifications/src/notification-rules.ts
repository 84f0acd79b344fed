import { RecordedEvent } from '@psp/event-store';
import { CalendarDate, addDays } from '@psp/legal-kernel';
import { OutboxMessage, RecipientKind } from './notification';

/** The decisions the association and the préfecture services are told about (a letter exists for each). */
const DECISIONS: Record<string, string> = {
  DecisionNotified: "autorisation d'engagement dans le parcours notifiée",
  PrefectRefused: "refus d'autorisation d'engagement dans le parcours",
  RenewalGranted: 'renouvellement du parcours',
  NonRenewalNotified: 'non-renouvellement du parcours',
  ResumptionAuthorised: 'reprise du parcours autorisée',
  AfisGranted: 'aide financière (AFIS) attribuée',
  AfisRefused: 'aide financière (AFIS) refusée',
  ApsIssued: 'autorisation provisoire de séjour délivrée',
  ApsRefused: 'autorisation provisoire de séjour refusée',
};

/** Events after which no renewal alert of the case is due any more. */
const ENDS_RENEWAL_ALERTS = new Set([
  'RenewalGranted',
  'NonRenewalNotified',
  'Interrupted',
  'ClosedOther',
  'Withdrawn',
  'Completed',
  'CapReached',
  'PeriodEnded',
]);

/** What the case says after the event (folded from its stream): who, and the period running. */
export interface CaseFacts {
  readonly associationId?: string;
  readonly departement?: string;
  /** The last day of the running period, when rights are open. */
  readonly periodEnd?: CalendarDate;
  /** DUR-02: the running period is the last the cap allows (no renewal to prepare). */
  readonly finalPeriod?: boolean;
}

export interface Derived {
  readonly messages: readonly OutboxMessage[];
  /** Pending deadline alerts of this case to cancel (the deadline no longer applies). */
  readonly cancelAlertsOf?: string;
}

/**
 * What an event tells whom (docs/documents.md): decisions to the association and the préfecture;
 * the observation deadline to the association; renewal due 60 and 30 days before the period ends,
 * and APS expiry 60 days before, as alerts held until then. Never a personal value: the file
 * number and a link only.
 */
export function notificationsOf(
  event: RecordedEvent,
  caseId: string,
  facts: CaseFacts,
  baseUrl: string,
): Derived {
  const data = event.data as Record<string, unknown>;
  const link = `${baseUrl.replace(/\/$/, '')}/cases/${caseId}`;
  const messages: OutboxMessage[] = [];
  const message = (
    kind: string,
    recipientKind: RecipientKind,
    what: string,
    notBefore: string = IMMEDIATELY,
  ) => {
    const recipientKey = recipientKind === 'association' ? facts.associationId : facts.departement;
    if (!recipientKey) return;
    messages.push({
      id: `${event.id}:${kind}:${recipientKind}:${recipientKey}`,
      caseId,
      kind,
      recipientKind,
      recipientKey,
      subject: `[PSP] Dossier ${caseId} : ${what}`,
      body: [
        `Dossier PSP n° ${caseId}`,
        `Événement : ${what}.`,
        `Consultez le dossier : ${link}`,
        '',
        "Ce message ne contient aucune donnée personnelle ; le dossier n'est consultable qu'après authentification.",
      ].join('\n'),
      notBefore,
    });
  };
  const decision = DECISIONS[event.type];
  if (decision) {
    message('decision', 'association', decision);
    message('decision', 'prefecture', decision);
  }
  if (event.type === 'NonRenewalProposed') {
    message(
      'observations',
      'association',
      'projet de non-renouvellement : la personne peut présenter ses observations',
    );
  }
  const periodEnd = OPENS_PERIOD.has(event.type) && !facts.finalPeriod ? facts.periodEnd : undefined;
  if (periodEnd) {
    for (const days of [60, 30]) {
      const on = addDays(periodEnd, -days);
      message(
        `deadline:renewal-${days}`,
        'association',
        `renouvellement à instruire (fin de période le ${periodEnd})`,
        `${on}T08:00:00.000Z`,
      );
    }
  }
  if (event.type === 'ApsIssued' || event.type === 'ApsRenewed') {
    const validTo = data.validTo as CalendarDate;
    message(
      'deadline:aps-expiry',
      'association',
      `expiration de l'APS le ${validTo}`,
      `${addDays(validTo, -60)}T08:00:00.000Z`,
    );
  }
  return { messages, ...(ENDS_RENEWAL_ALERTS.has(event.type) ? { cancelAlertsOf: caseId } : {}) };
}

/** `notBefore` of a message due as soon as it is enqueued. */
export const IMMEDIATELY = '1970-01-01T00:00:00.000Z';

/** Decisions that open a period: the renewal alerts of that period are scheduled. */
const OPENS_PERIOD = new Set([
  'DecisionNotified',
  'RenewalGranted',
  'ResumptionAuthorised',
  'CourtOrderedAuthorisation',
]);
