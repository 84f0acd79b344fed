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

/** What a sitting's `SessionConvened` holds that its messages to members need. */
interface Convened {
  readonly sessionId: string;
  readonly departement: string;
  readonly convenedOn: CalendarDate;
  readonly sittingOn: CalendarDate;
  readonly urgency: boolean;
  readonly members: readonly { readonly memberId: string }[];
  readonly agenda: readonly unknown[];
}

/**
 * One message to each member on the roster the sitting was convened with, at once: its number,
 * `what` happened and a link to the session. No case, no name: members read the agenda they may
 * sit on through the session route.
 */
function toConvenedMembers(
  event: RecordedEvent,
  convened: Pick<Convened, 'sessionId' | 'departement' | 'members'>,
  message: { readonly kind: string; readonly subject: string; readonly what: string },
  baseUrl: string,
): OutboxMessage[] {
  const link = `${baseUrl.replace(/\/$/, '')}/commission-sessions/${convened.sessionId}`;
  const body = [
    `Commission départementale ${convened.departement} — séance n° ${convened.sessionId}`,
    message.what,
    `Consultez : ${link}`,
  ].join('\n');
  return convened.members.map((member) => ({
    id: `${event.id}:${message.kind}:member:${memberKey(convened.departement, member.memberId)}`,
    caseId: sittingSubject(convened.sessionId),
    departement: convened.departement,
    kind: message.kind,
    recipientKind: 'member',
    recipientKey: memberKey(convened.departement, member.memberId),
    subject: message.subject,
    body,
    notBefore: AT_ONCE,
  }));
}

/**
 * COM-07 (CRPA R.133-8): when a sitting is convened, every member on its roster receives the
 * convocation: the sitting's number and date, the notice, the number of agenda items and a link.
 */
export function convocationMessages(event: RecordedEvent, baseUrl: string): OutboxMessage[] {
  if (event.type !== 'SessionConvened') return [];
  const data = event.data as Convened;
  return toConvenedMembers(
    event,
    data,
    {
      kind: 'convocation',
      subject: `[PSP] Commission ${data.departement} : convocation à la séance du ${data.sittingOn}`,
      what: `Convocation du ${data.convenedOn} pour la séance du ${data.sittingOn}${data.urgency ? ' (urgence)' : ''} ; ${data.agenda.length} point(s) à l'ordre du jour.`,
    },
    baseUrl,
  );
}

/**
 * COM-07 (CRPA R.133-8): the members convened to a sitting are told when its agenda grows (a new
 * convocation is filed with the item) and when the sitting is cancelled, so that nobody prepares
 * or comes for a sitting that changed. `sitting` is the session folded up to the event: the roster
 * the convocation went to, and the agenda with the new item. Not the item, nor the reason of a
 * cancellation (a free text): the number of items, the date, a link.
 */
export function sittingChangeMessages(
  event: RecordedEvent,
  sitting: Pick<Convened, 'members' | 'agenda'> & {
    readonly sessionId?: string;
    readonly departement?: string;
    readonly sittingOn?: CalendarDate;
  },
  baseUrl: string,
): OutboxMessage[] {
  const { sessionId, departement, sittingOn } = sitting;
  if (!sessionId || !departement || !sittingOn) return []; // not convened: nobody was told of it
  const convened = { sessionId, departement, members: sitting.members };
  if (event.type === 'AgendaItemAdded') {
    return toConvenedMembers(
      event,
      convened,
      {
        kind: 'agenda-update',
        subject: `[PSP] Commission ${departement} : ordre du jour complété, séance du ${sittingOn}`,
        what: `Ordre du jour complété le ${(event.data as { addedOn: CalendarDate }).addedOn} : ${sitting.agenda.length} point(s) à l'ordre du jour ; nouvelle convocation.`,
      },
      baseUrl,
    );
  }
  if (event.type === 'SessionCancelled') {
    return toConvenedMembers(
      event,
      convened,
      {
        kind: 'sitting-cancelled',
        subject: `[PSP] Commission ${departement} : séance du ${sittingOn} annulée`,
        what: `La séance du ${sittingOn} est annulée (le ${(event.data as { cancelledOn: CalendarDate }).cancelledOn}).`,
      },
      baseUrl,
    );
  }
  return [];
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
