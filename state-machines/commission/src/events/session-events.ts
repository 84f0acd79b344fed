import { CalendarDate } from '@psp/legal-kernel';
import { MemberCategory } from '../parameters';
import { CommissionEvent } from './event';

/** A member as the session sees them: the roster copied from the commission stream on the sitting date. */
export interface RosterMember {
  readonly memberId: string;
  readonly category: MemberCategory | 'chair';
  readonly role: 'chair' | 'member';
  /** 11°: the approved association represented (ACL-01). */
  readonly associationId?: string;
  /** ACL-03: false for child-protection members and the président du conseil départemental. */
  readonly individualCaseAccess: boolean;
}

export type CaseItemKind = 'entry' | 'renewal' | 'resumption' | 'afis';

/** An individual case on the agenda (R.121-12-6 2°; L.121-9 II for the AFIS). */
export interface CaseAgendaItem {
  readonly itemId: string;
  readonly kind: CaseItemKind;
  readonly caseId: string;
  /** ACL-01: the association that instructed the file. */
  readonly instructingAssociationId: string;
}

/** A departmental policy deliberation (R.121-12-6 1°; COM-06). */
export interface PolicyAgendaItem {
  readonly itemId: string;
  readonly kind: 'policy';
  readonly subject: string;
}

export type AgendaItem = CaseAgendaItem | PolicyAgendaItem;

export type AttendanceMode = 'in_person' | 'phone' | 'video';

export interface Attendance {
  readonly memberId: string;
  /** R.133-10: present in person, by phone or by video. */
  readonly mode: AttendanceMode;
  /** R.133-3: an ex officio member may sit through a member of their service. */
  readonly bySubstitute?: boolean;
}

export type Vote = 'for' | 'against' | 'abstain';

/** One member's vote; a represented member's ballot is cast by the proxy holder. */
export interface Ballot {
  readonly memberId: string;
  readonly vote: Vote;
}

/** COM-02: a member named for a term that ended before the sitting (neither renewed nor replaced). */
export interface ExpiredTerm {
  readonly memberId: string;
  readonly termStart: CalendarDate;
  readonly termEnd: CalendarDate;
}

/** An agenda item named by what it is about, to compare the agendas of two sittings (R.133-10). */
export type AgendaSubject =
  | { readonly kind: CaseItemKind; readonly caseId: string }
  | { readonly kind: 'policy'; readonly subject: string };

/**
 * R.133-10: what the server read from the earlier sitting named by a second convocation (schema
 * version 2 of `SessionConvened`): the client names the sitting, the machine checks it lacked quorum.
 */
export interface EarlierSitting {
  /** The earlier sitting's commission; absent when no such sitting exists. */
  readonly commissionId?: string;
  /** The day it sat (opened); absent when it never sat. */
  readonly openedOn?: CalendarDate;
  /** Items of its agenda left undeliberated because their quorum was not reached. */
  readonly itemsLackingQuorum: readonly AgendaSubject[];
}

/** R.133-10: a second convocation after a meeting without quorum. */
export interface SecondConvocation {
  readonly firstSessionId: string;
  readonly statesNoQuorumRequired: boolean;
  /** Read by the server from the earlier sitting (absent from events of schema version 1). */
  readonly firstSitting?: EarlierSitting;
}

/**
 * COM-07 (R.133-5, R.133-8): the chair convenes the commission with an agenda. Schema version 2
 * carries the facts of the earlier sitting in a second convocation (R.133-10); version 1 events
 * are replayed as recorded.
 */
export type SessionConvened = CommissionEvent<
  'SessionConvened',
  {
    readonly sessionId: string;
    readonly commissionId: string;
    readonly departement: string;
    /** Date the notice, agenda and documents were sent. */
    readonly convenedOn: CalendarDate;
    readonly sittingOn: CalendarDate;
    /** R.133-8: urgency waives the 5-day notice. */
    readonly urgency: boolean;
    /** R.133-10: a second convocation after a meeting without quorum. */
    readonly secondConvocation?: SecondConvocation;
    readonly presidingChairId: string;
    /** The roster on `sittingOn` (`rosterOn(commission, sittingOn)`). */
    readonly members: readonly RosterMember[];
    /** COM-02: members whose term ended before `sittingOn` (`expiredTermsOn`), refused naming their term. */
    readonly expiredTerms?: readonly ExpiredTerm[];
    readonly agenda: readonly AgendaItem[];
    /** COM-07: the convocation filed with the event; absent from sittings convened before. */
    readonly papers?: readonly SittingPaperFiled[];
  },
  1 | 2
>;

/**
 * COM-07 / COM-08: a paper of the sitting the engine drew up and stored when the event was
 * recorded (the convocation at convening and when the agenda grows, the attendance sheet and the
 * minutes at closing). Its SHA-256 proves what was sent; the machine does not read it.
 */
export interface SittingPaperFiled {
  readonly paper: 'convocation' | 'attendance' | 'minutes';
  readonly documentId: string;
  readonly sha256: string;
}

/** Schema version of `SessionConvened` written now. */
export const SESSION_CONVENED_SCHEMA_VERSION = 2;

/** Schema version of each session event written now (the others are at 1). */
export const SESSION_EVENT_SCHEMA_VERSIONS: Partial<Record<SessionEvent['type'], number>> = {
  SessionConvened: SESSION_CONVENED_SCHEMA_VERSION,
  ItemDeliberated: 2,
};

/** ADR 0011: the R.133-11 count an `ItemDeliberated` event is read with. */
export function voteReadingOf(event: ItemDeliberated): 'members_present_or_represented' | 'votes_cast' {
  return event.schemaVersion >= 2 ? 'members_present_or_represented' : 'votes_cast';
}

/** What an agenda item is about, whatever its id in one sitting. */
export function agendaSubjectOf(item: AgendaItem): AgendaSubject {
  return item.kind === 'policy'
    ? { kind: 'policy', subject: item.subject }
    : { kind: item.kind, caseId: item.caseId };
}

export function sameAgendaSubject(a: AgendaSubject, b: AgendaSubject): boolean {
  if (a.kind === 'policy' || b.kind === 'policy')
    return a.kind === 'policy' && b.kind === 'policy' && a.subject === b.subject;
  return a.kind === b.kind && a.caseId === b.caseId;
}

export type AgendaItemAdded = CommissionEvent<
  'AgendaItemAdded',
  {
    readonly item: AgendaItem;
    readonly addedOn: CalendarDate;
    /** COM-07: the convocation with the grown agenda, filed with the event. */
    readonly papers?: readonly SittingPaperFiled[];
  }
>;

/** ACL-02 (CRPA R.133-12): a member declared a personal interest in an item. */
export type InterestDeclared = CommissionEvent<
  'InterestDeclared',
  { readonly memberId: string; readonly itemId: string; readonly declaredOn: CalendarDate }
>;

/** COM-07 (CRPA R.133-9): a member gave a proxy (mandat) to another member. */
export type ProxyGiven = CommissionEvent<
  'ProxyGiven',
  { readonly fromMemberId: string; readonly toMemberId: string; readonly givenOn: CalendarDate }
>;

/** The meeting starts with the attendance of members. */
export type SessionOpened = CommissionEvent<
  'SessionOpened',
  { readonly openedOn: CalendarDate; readonly attendance: readonly Attendance[] }
>;

/**
 * COM-08: the commission deliberated on one item: exactly one opinion per item. Schema version 2
 * is counted as ADR 0011 reads R.133-11 (majority of the members present or represented); version 1
 * events keep the count they were recorded under (majority of the votes cast).
 */
export type ItemDeliberated = CommissionEvent<
  'ItemDeliberated',
  { readonly itemId: string; readonly decidedOn: CalendarDate; readonly ballots: readonly Ballot[] },
  1 | 2
>;

/** The meeting ends; items not deliberated are postponed. */
export type SessionClosed = CommissionEvent<
  'SessionClosed',
  {
    readonly closedOn: CalendarDate;
    /** COM-08: the attendance sheet and the minutes filed with the event; absent from sittings closed before. */
    readonly papers?: readonly SittingPaperFiled[];
  }
>;

export type SessionCancelled = CommissionEvent<
  'SessionCancelled',
  { readonly cancelledOn: CalendarDate; readonly reason: string }
>;

export type SessionEvent =
  | SessionConvened
  | AgendaItemAdded
  | InterestDeclared
  | ProxyGiven
  | SessionOpened
  | ItemDeliberated
  | SessionClosed
  | SessionCancelled;

export type SessionEventType = SessionEvent['type'];

export const SESSION_EVENT_TYPES: readonly SessionEventType[] = [
  'SessionConvened',
  'AgendaItemAdded',
  'InterestDeclared',
  'ProxyGiven',
  'SessionOpened',
  'ItemDeliberated',
  'SessionClosed',
  'SessionCancelled',
];
