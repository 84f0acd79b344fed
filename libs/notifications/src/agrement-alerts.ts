import { RecordedEvent } from '@psp/event-store';
import { CalendarDate } from '@psp/legal-kernel';
import { OutboxMessage } from './notification';

/** Agrément events after which the expiry alert of the running term no longer applies. */
export const ENDS_AGREMENT_ALERTS = new Set(['AgrementRenewed', 'AgrementWithdrawn', 'AgrementExpired']);

/** Agrément events that start a term whose expiry is announced. */
export const STARTS_AGREMENT_TERM = new Set([
  'AgrementGranted',
  'AgrementGrantedBySilence',
  'AgrementRenewed',
]);

/**
 * AGR-06 / AGR-07: the association and the préfecture of its head office are told six months
 * before the agrément expires (indicator 7.3 item 9), so that the renewal is asked for in time.
 * No personal data: the association id, the date and a link.
 */
export function agrementExpiryAlerts(
  event: RecordedEvent,
  associationId: string,
  term: {
    readonly validTo?: CalendarDate;
    readonly warningFrom?: CalendarDate;
    readonly headOffice?: string;
  },
  baseUrl: string,
): OutboxMessage[] {
  if (!STARTS_AGREMENT_TERM.has(event.type) || !term.validTo || !term.warningFrom) return [];
  const link = `${baseUrl.replace(/\/$/, '')}/associations/${associationId}`;
  const what = `l'agrément expire le ${term.validTo} : demande de renouvellement à déposer`;
  const recipients: [OutboxMessage['recipientKind'], string | undefined][] = [
    ['association', associationId],
    ['prefecture', term.headOffice],
  ];
  return recipients.flatMap(([recipientKind, recipientKey]) =>
    recipientKey
      ? [
          {
            id: `${event.id}:deadline:agrement-expiry:${recipientKind}:${recipientKey}`,
            caseId: associationId,
            kind: 'deadline:agrement-expiry',
            recipientKind,
            recipientKey,
            subject: `[PSP] Association ${associationId} : ${what}`,
            body: [`Association agréée ${associationId}`, `Échéance : ${what}.`, `Consultez : ${link}`].join(
              '\n',
            ),
            notBefore: `${term.warningFrom}T08:00:00.000Z`,
          },
        ]
      : [],
  );
}
