import { RecordedEvent } from '@psp/event-store';
import { CalendarDate, addDays } from '@psp/legal-kernel';
import { OutboxMessage } from './notification';

/** COM-02: a member and the préfecture are told this many days before a named member's term ends. */
export const MEMBER_TERM_ALERT_DAYS = 60;

/** The outbox subject of a sitting and of a member's seat (the `case_id` column: what an alert is about). */
export const sittingSubject = (sessionId: string) => `commission-session:${sessionId}`;
export const memberSubject = (departement: string, memberId: string) =>
  `commission-member:${departement}:${memberId}`;
/** The directory key of a member: its département and its id (`NOTIFY_DIRECTORY.members`). */
export const memberKey = (departement: string, memberId: string) => `${departement}/${memberId}`;

const AT_ONCE = '1970-01-01T00:00:00.000Z';

/**
 * COM-07 (CRPA R.133-8): when a sitting is convened, every member on its roster receives the
 * convocation: the sitting's number and date, the notice, the number of agenda items and a link.
 * No case, no name: members read the agenda they may sit on through the session route.
 */
export function convocationMessages(event: RecordedEvent, baseUrl: string): OutboxMessage[] {
  if (event.type !== 'SessionConvened') return [];
  const data = event.data as {
    sessionId: string;
    departement: string;
    convenedOn: CalendarDate;
    sittingOn: CalendarDate;
    urgency: boolean;
    members: readonly { memberId: string }[];
    agenda: readonly unknown[];
  };
  const link = `${baseUrl.replace(/\/$/, '')}/commission-sessions/${data.sessionId}`;
  const subject = `[PSP] Commission ${data.departement} : convocation à la séance du ${data.sittingOn}`;
  const body = [
    `Commission départementale ${data.departement} — séance n° ${data.sessionId}`,
    `Convocation du ${data.convenedOn} pour la séance du ${data.sittingOn}${data.urgency ? ' (urgence)' : ''} ; ${data.agenda.length} point(s) à l'ordre du jour.`,
    `Consultez : ${link}`,
  ].join('\n');
  return data.members.map((member) => ({
    id: `${event.id}:convocation:member:${memberKey(data.departement, member.memberId)}`,
    caseId: sittingSubject(data.sessionId),
    departement: data.departement,
    kind: 'convocation',
    recipientKind: 'member',
    recipientKey: memberKey(data.departement, member.memberId),
    subject,
    body,
    notBefore: AT_ONCE,
  }));
}

/**
 * COM-07 (CRPA R.133-8): the members convened to a sitting are told when its agenda grows (a new
 * convocation is filed with the item) and when the sitting is cancelled, so that nobody prepares
 * or comes for a sitting that changed. The same recipients as the convocation: the roster it was
 * sent to (`convened`, the stream's `SessionConvened`). No case, no name, and not the reason of a
 * cancellation (a free text): the number of items, the date, a link.
 */
export function sittingChangeMessages(
  event: RecordedEvent,
  convened: RecordedEvent | undefined,
  agendaItems: number,
  baseUrl: string,
): OutboxMessage[] {
  if (!convened || convened.type !== 'SessionConvened') return [];
  if (event.type !== 'AgendaItemAdded' && event.type !== 'SessionCancelled') return [];
  const data = convened.data as {
    sessionId: string;
    departement: string;
    sittingOn: CalendarDate;
    members: readonly { memberId: string }[];
  };
  const link = `${baseUrl.replace(/\/$/, '')}/commission-sessions/${data.sessionId}`;
  const change =
    event.type === 'AgendaItemAdded'
      ? {
          kind: 'agenda-update',
          subject: `[PSP] Commission ${data.departement} : ordre du jour complété, séance du ${data.sittingOn}`,
          what: `Ordre du jour complété le ${(event.data as { addedOn: CalendarDate }).addedOn} : ${agendaItems} point(s) à l'ordre du jour ; nouvelle convocation.`,
        }
      : {
          kind: 'sitting-cancelled',
          subject: `[PSP] Commission ${data.departement} : séance du ${data.sittingOn} annulée`,
          what: `La séance du ${data.sittingOn} est annulée (le ${(event.data as { cancelledOn: CalendarDate }).cancelledOn}).`,
        };
  const body = [
    `Commission départementale ${data.departement} — séance n° ${data.sessionId}`,
    change.what,
    `Consultez : ${link}`,
  ].join('\n');
  return data.members.map((member) => ({
    id: `${event.id}:${change.kind}:member:${memberKey(data.departement, member.memberId)}`,
    caseId: sittingSubject(data.sessionId),
    departement: data.departement,
    kind: change.kind,
    recipientKind: 'member',
    recipientKey: memberKey(data.departement, member.memberId),
    subject: change.subject,
    body,
    notBefore: AT_ONCE,
  }));
}

/**
 * COM-02: a named member's term ends three years after it starts: the member and the préfecture
 * are told `MEMBER_TERM_ALERT_DAYS` before, so that the term is renewed or the seat filled in time.
 * The body names the seat by the member's id, never a person.
 */
export function memberTermAlerts(
  event: RecordedEvent,
  departement: string,
  member: { readonly memberId: string; readonly termEnd?: CalendarDate },
  baseUrl: string,
): OutboxMessage[] {
  const termEnd = member.termEnd;
  if (!termEnd) return []; // ex officio (COM-01): no term
  const link = `${baseUrl.replace(/\/$/, '')}/commissions/commission-${departement}`;
  const what = `le mandat du membre ${member.memberId} prend fin le ${termEnd} : renouvellement ou remplacement à arrêter`;
  const recipients: [OutboxMessage['recipientKind'], string][] = [
    ['member', memberKey(departement, member.memberId)],
    ['prefecture', departement],
  ];
  return recipients.map(([recipientKind, recipientKey]) => ({
    id: `${event.id}:deadline:member-term:${member.memberId}:${termEnd}:${recipientKind}:${recipientKey}`,
    caseId: memberSubject(departement, member.memberId),
    departement,
    kind: 'deadline:member-term',
    recipientKind,
    recipientKey,
    subject: `[PSP] Commission ${departement} : ${what}`,
    body: [
      `Commission départementale ${departement}`,
      `Échéance : ${what} (COM-02).`,
      `Consultez : ${link}`,
    ].join('\n'),
    notBefore: `${addDays(termEnd, -MEMBER_TERM_ALERT_DAYS)}T08:00:00.000Z`,
  }));
}
