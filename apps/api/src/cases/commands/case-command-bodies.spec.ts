import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { ValidationError, getMetadataStorage, validate } from 'class-validator';
import type { Type } from '@nestjs/common';
import {
  Completed,
  DEFAULT_PSP_PARAMETERS,
  PspCaseEvent,
  PspCaseEventType,
  apsValidityLongEnough,
  parameterOn,
} from '@psp/psp-case';
import { PersonRecord } from '@psp/security';
import { CASE_COMMANDS, OpenRequestInput } from '@psp/workflow';
import { CASE_COMMAND_BODIES, OPEN_REQUEST_BODY } from '.';
import { CompletionOutcomesDto } from './complete/complete.dto';
import { ContactDto, PersonDocumentDto, PersonDto } from './open-request/open-request.dto';

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true };

async function errorsOf(dto: Type<object>, plain: object): Promise<ValidationError[]> {
  return validate(plainToInstance(dto, plain) as object, OPTIONS);
}

/** Every property the DTO declares (inherited ones included). */
function declaredProperties(dto: Type<object>): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))].sort();
}

/** The properties `{}` is refused for: the DTO's required ones. */
async function requiredProperties(dto: Type<object>): Promise<string[]> {
  return (await errorsOf(dto, {})).map((e) => e.property).sort();
}

// The event payloads, read from the event types: tsc fails if a key is missing, extra or wrongly marked.
type Presence<D> = { [K in keyof D]-?: Record<never, never> extends Pick<D, K> ? 'optional' : 'required' };
/** Facts the server adds to the body on every filing (AGR-06: the agrément on the filing date). */
type ServerFacts = 'associationAgrementValid';
type DataOf<T extends PspCaseEventType> = Omit<Extract<PspCaseEvent, { type: T }>['data'], ServerFacts>;
/** Events whose data is the request body (the others get facts the server loads itself). */
// DocumentFiled is no command body: documents come as multipart uploads (POST /cases/{caseId}/documents).
type Mirrored = Exclude<
  PspCaseEventType,
  | 'RequestOpened'
  | 'CommissionOpinionRecorded'
  | 'AfisGranted'
  | 'PersonLinkConfirmed'
  | 'AfisPaymentMade'
  | 'DocumentFiled'
>;
/**
 * Facts the engine adds, never sent: the person's periods in other cases (PSP-07) and the letter it
 * generated for a decision.
 */
type ServerFact = 'personPeriods' | 'letter';

const R = 'required' as const;
const O = 'optional' as const;
const DECISION = { decisionDate: R, publicOrderThreat: R, previousOqtf: R, stopDoubted: R, policeEnquiry: O };

const EVENT_DATA: { [T in Mirrored]: Presence<Omit<DataOf<T>, ServerFact>> } = {
  InstructionCompleted: {
    completedOn: R,
    parcoursDocumentSigned: R,
    commitmentsListed: R,
    plannedActions: R,
    plannedLengthMonths: R,
    associationOpinion: O,
    swornStatementOfCessation: R,
    documentIds: O,
  },
  AssociationOpinionRecorded: { givenOn: R, opinion: R, kind: R },
  SubmittedToPrefecture: { submittedOn: R },
  CommissionFollowUpRecorded: {
    recordedOn: R,
    sessionId: R,
    safetyConcern: R,
    accessToRightsConcern: R,
    commitmentsKept: R,
  },
  PrefectAuthorised: { decisionDate: R, effectiveFrom: O },
  PrefectRefused: { decisionDate: R, notifiedOn: O, reasons: R },
  DecisionNotified: { notifiedOn: R, toPerson: R, toAssociation: R },
  RenewalInstructionStarted: { startedOn: R },
  RenewalSubmitted: {
    submittedOn: R,
    followUpDocumentUpdated: R,
    resultsReported: R,
    commitmentsKept: R,
    difficulties: R,
    associationOpinion: O,
  },
  RenewalGranted: { decisionDate: R, notifiedOn: R, commitmentsAndDifficultiesConsidered: R },
  NonRenewalProposed: { proposedOn: R, reasons: R },
  ObservationsReceived: { receivedOn: R },
  NonRenewalNotified: { decisionDate: R, notifiedOn: R, reasons: R },
  PeriodEnded: { periodIndex: R, endedOn: R },
  CapReached: { reachedOn: R },
  Interrupted: { interruptedOn: R, reason: R },
  ResumptionRequested: { requestedOn: R, associationOpinion: O },
  ResumptionAuthorised: { decisionDate: R, effectiveFrom: O, notifiedOn: R },
  ClosedOther: { closedOn: R, reason: R },
  Withdrawn: { withdrawnOn: R, recordedBy: R, byPerson: R },
  Completed: { completedOn: R, outcomes: R },
  CourtOrderedAuthorisation: { judgmentDate: R, court: R, effectiveFrom: O },
  ApsNotApplicable: { determinedOn: R, reason: R },
  ApsRequired: { determinedOn: R, asylumClaimPending: R },
  AsylumClaimPending: { recordedOn: R },
  AsylumFinallyRejected: { rejectedOn: R },
  ApsFiled: { filedOn: R, checklist: R, documentIds: O },
  ApsDocumentsRequested: { requestedOn: R, documents: R },
  ApsIssued: { ...DECISION, validFrom: R, validTo: R },
  ApsRefused: { decisionDate: R, reason: R, oqtfIssued: R, reasons: R, policeEnquiry: O },
  ApsRenewalFiled: { filedOn: R, cerSigned: R, documentIds: O },
  ApsRenewed: { ...DECISION, validFrom: R, validTo: R },
  ApsExpired: { expiredOn: R },
  PostPspReviewOpened: { openedOn: R },
  CstIssued: { decisionDate: R, basis: R, validTo: R },
  CstRefused: { decisionDate: R, reasons: R, oqtfIssued: R },
  AfisRequested: {
    requestedOn: R,
    nationalityCategory: R,
    residenceDocument: R,
    previousMonthHouseholdResourcesCents: R,
    rsaReceivedOrClaimable: R,
    adaReceivedOrClaimable: R,
    dependentChildren: R,
  },
  AfisInstructionStarted: { startedOn: R },
  AfisInstructionCompleted: { completedOn: R, documentIds: O },
  AfisRefused: { decisionDate: R, reasons: R },
  AfisChangeReported: { reportedOn: R },
  AfisReexamined: { decisionDate: R, dependentChildren: R, conditionsStillMet: R, findings: O },
  AfisEnded: { decisionDate: R, reason: R, reasons: O, personInvitedToAnswerOn: O, answerReceivedOn: O },
  AfisSeizureNoticeRefused: { receivedOn: R, kind: R, creditor: R },
  PersonLinkDenied: { deniedOn: R },
};

/** The two commands whose facts the server loads (case-command-handler.ts `eventData`): body keys only. */
const SERVER_LOADED: Record<string, Record<string, 'required' | 'optional'>> = {
  'record-commission-opinion': { sessionId: R, itemId: R },
  'grant-afis': { decisionDate: R },
  'confirm-person-link': { confirmedOn: R },
  // The annexe 10 checklist is read from the documents on file; the body carries declarations only.
  'file-aps': { filedOn: R, nonPolygamyStatement: O, visaFeeProof: O },
  // PSP-03 / PSP-04: the signed parcours document and the commitments are read from the documents.
  'complete-instruction': {
    completedOn: R,
    plannedActions: R,
    plannedLengthMonths: R,
    associationOpinion: O,
    swornStatementOfCessation: R,
  },
  // APS-13: the signed CER is read from the documents on file.
  'file-aps-renewal': { filedOn: R },
  // AFIS-04: the resources statements on file are listed by the server.
  'complete-afis-instruction': { completedOn: R },
};

/** Nested DTOs and the domain shape each one mirrors. */
const NESTED: [string, Type<object>, Record<string, 'required' | 'optional'>][] = [
  [
    'OpenRequestDto',
    OPEN_REQUEST_BODY.dto,
    { openedOn: R, personAgrees: R, victimOf: R, person: R } satisfies Presence<OpenRequestInput>,
  ],
  [
    'PersonDto',
    PersonDto,
    {
      givenName: R,
      familyName: R,
      birthDate: O,
      birthPlace: O,
      nationality: O,
      sex: O,
      contact: O,
      documents: O,
    } satisfies Presence<PersonRecord>,
  ],
  [
    'ContactDto',
    ContactDto,
    { phone: O, email: O, address: O } satisfies Presence<NonNullable<PersonRecord['contact']>>,
  ],
  [
    'PersonDocumentDto',
    PersonDocumentDto,
    { kind: R, number: O, validUntil: O } satisfies Presence<NonNullable<PersonRecord['documents']>[number]>,
  ],
  [
    'CompletionOutcomesDto',
    CompletionOutcomesDto,
    { training: R, job: R, housing: R } satisfies Presence<Completed['data']['outcomes']>,
  ],
];

function keysMarked(shape: Record<string, 'required' | 'optional'>, mark?: 'required'): string[] {
  return Object.keys(shape)
    .filter((key) => mark === undefined || shape[key] === mark)
    .sort();
}

const ALL_BODIES: [string, Type<object>, object][] = [
  ...Object.entries(CASE_COMMAND_BODIES).map(([name, b]): [string, Type<object>, object] => [
    name,
    b.dto,
    b.example,
  ]),
  ['open-request', OPEN_REQUEST_BODY.dto, OPEN_REQUEST_BODY.example],
];

describe('case command bodies', () => {
  it('every CASE_COMMANDS route has a body, and there is no other', () => {
    expect(Object.keys(CASE_COMMAND_BODIES).sort()).toEqual(CASE_COMMANDS.map((c) => c.name).sort());
  });

  it.each(ALL_BODIES)('%s: the example is valid', async (_name, dto, example) => {
    expect(await errorsOf(dto, example)).toEqual([]);
  });

  it.each(ALL_BODIES)('%s: an unknown field is refused', async (_name, dto, example) => {
    const errors = await errorsOf(dto, { ...example, unexpected: 'x' });
    expect(errors.map((e) => e.property)).toEqual(['unexpected']);
  });

  it.each(ALL_BODIES)('%s: an empty body is refused', async (_name, dto) => {
    expect((await errorsOf(dto, {})).length).toBeGreaterThan(0);
  });

  it.each(CASE_COMMANDS.map((c) => [c.name, c.eventType] as const))(
    '%s: the body has exactly the fields of %s (or the ids the server needs)',
    async (name, eventType) => {
      const shape: Record<string, 'required' | 'optional'> =
        SERVER_LOADED[name] ??
        (EVENT_DATA as Record<string, Record<string, 'required' | 'optional'>>)[eventType];
      expect(shape).toBeDefined();
      const { dto, example } = CASE_COMMAND_BODIES[name];
      expect(declaredProperties(dto)).toEqual(keysMarked(shape));
      expect(await requiredProperties(dto)).toEqual(keysMarked(shape, R));
      for (const key of Object.keys(example)) expect(keysMarked(shape)).toContain(key);
    },
  );

  it.each(NESTED)('%s has exactly the fields of its domain shape', async (_name, dto, shape) => {
    expect(declaredProperties(dto)).toEqual(keysMarked(shape));
    expect(await requiredProperties(dto)).toEqual(keysMarked(shape, R));
  });

  it('nested objects refuse unknown fields and wrong values', async () => {
    const open = OPEN_REQUEST_BODY.example as OpenRequestInput;
    const extraInPerson = { ...open, person: { ...open.person, ssn: '1 01 01 75 000 000' } };
    expect(await errorsOf(OPEN_REQUEST_BODY.dto, extraInPerson)).not.toEqual([]);
    const badEmail = { ...open, person: { ...open.person, contact: { email: 'not an email' } } };
    expect(await errorsOf(OPEN_REQUEST_BODY.dto, badEmail)).not.toEqual([]);
    const noVictimOf = { ...open, victimOf: [] };
    expect(await errorsOf(OPEN_REQUEST_BODY.dto, noVictimOf)).not.toEqual([]);

    const fileAps = CASE_COMMAND_BODIES['file-aps'];
    expect(await errorsOf(fileAps.dto, { ...fileAps.example, visaFeeProof: 'provided' })).not.toEqual([]);
  });

  it('reasons are short statements: at most 20 of at most 300 characters', async () => {
    const { dto, example } = CASE_COMMAND_BODIES.refuse;
    expect(await errorsOf(dto, { ...example, reasons: ['x'.repeat(301)] })).not.toEqual([]);
    expect(
      await errorsOf(dto, { ...example, reasons: Array.from({ length: 21 }, () => 'reason') }),
    ).not.toEqual([]);
    expect(await errorsOf(dto, { ...example, reasons: 'one long string' })).not.toEqual([]);
  });

  it('server-loaded facts cannot be sent in the body (PD-3, AFIS-02)', async () => {
    const grant = CASE_COMMAND_BODIES['grant-afis'];
    expect(await errorsOf(grant.dto, { ...grant.example, ageOnDecisionDate: 30 })).not.toEqual([]);
    const opinion = CASE_COMMAND_BODIES['record-commission-opinion'];
    expect(
      await errorsOf(opinion.dto, { ...opinion.example, opinion: 'favourable', quorumMet: true }),
    ).not.toEqual([]);
    // D1–D10: the annexe 10 items are read from the documents on file, never sent as booleans.
    const fileAps = CASE_COMMAND_BODIES['file-aps'];
    expect(
      await errorsOf(fileAps.dto, { ...fileAps.example, checklist: { proofOfAddress: true } }),
    ).not.toEqual([]);
  });

  it('the examples follow the rule book (APS-01 validity, AFIS-04 threshold)', () => {
    for (const name of ['issue-aps', 'renew-aps']) {
      const { validFrom, validTo } = CASE_COMMAND_BODIES[name].example as {
        validFrom: string;
        validTo: string;
      };
      expect(apsValidityLongEnough(validFrom, validTo, DEFAULT_PSP_PARAMETERS)).toEqual([]);
    }
    const afis = CASE_COMMAND_BODIES['request-afis'].example as DataOf<'AfisRequested'>;
    const threshold = parameterOn(
      'rsaSinglePersonCents',
      DEFAULT_PSP_PARAMETERS.rsaSinglePersonCents,
      afis.requestedOn,
    );
    expect(afis.previousMonthHouseholdResourcesCents).toBeLessThan(threshold!);
  });
});
