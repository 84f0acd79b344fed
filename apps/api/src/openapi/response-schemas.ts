import type { JsonSchema } from './dto-schemas';

/**
 * The schemas of what the API answers, by name (`#/components/schemas/<name>`). Written by hand
 * from the read models (libs/workflow snapshots, the read views, libs/audit); the e2e suites check
 * every answer they receive against them (test/support/response-contract.ts), so a field added to
 * an answer and not here fails a test.
 *
 * Objects whose fields depend on the reader's role (`disclose`, ACL-05: the case, its view and
 * file) list every field and require none: a role sees a subset.
 */
const nullable = (type: string, extra: JsonSchema = {}): JsonSchema => ({ type: [type, 'null'], ...extra });
const date: JsonSchema = { type: 'string', format: 'date' };
const nullableDate: JsonSchema = { type: ['string', 'null'], format: 'date' };
const timestamp: JsonSchema = { type: 'string', format: 'date-time' };
const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const list = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
const strings = list({ type: 'string' });
const object = (
  properties: Record<string, JsonSchema>,
  required: string[] = [],
  closed = true,
): JsonSchema => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
  ...(closed ? { additionalProperties: false } : {}),
});
/** Every property required. */
const record = (properties: Record<string, JsonSchema>, closed = true): JsonSchema =>
  object(properties, Object.keys(properties), closed);

const monthsAndDays = record({ months: { type: 'integer' }, days: { type: 'integer' } });
const ruleReason = object(
  { rule: { type: 'string' }, message: { type: 'string' }, missing: { type: 'string' } },
  ['rule', 'message'],
);

export const RESPONSE_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  /** A file: a document's bytes or a generated paper (PDF). */
  File: { type: 'string', format: 'binary' },
  AfisPaymentRun: object({}, [], false),
  AfisPayments: object({}, [], false),
  DocumentList: object({ items: list(object({}, [], false)) }, ['items']),
  ProblemDetails: object(
    {
      type: { type: 'string' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      instance: { type: 'string' },
      rules: {
        description: 'the rule book IDs that refused the command (PD-6), each with its reason',
        ...list(ruleReason),
      },
      errors: {
        description: 'the fields refused, each with its problems',
        ...list(record({ field: { type: 'string' }, problems: strings })),
      },
      commands: {
        description: 'the commands this resource accepts (an unknown command is refused with them)',
        ...strings,
      },
      roles: { description: 'the roles that may issue this command (403)', ...strings },
      available: { description: 'for a 409: the commands you may issue now instead', ...strings },
    },
    ['type', 'title', 'status'],
    false,
  ),
  CommandAnswer: object(
    {
      revision: { type: 'integer', description: 'the new revision of the record, also in the ETag header' },
      events: {
        description: 'the events written (none on a replay)',
        ...list(record({ type: { type: 'string' }, revision: { type: 'integer' } })),
      },
      replayed: {
        type: 'boolean',
        description: 'true when this Idempotency-Key was seen before: the first answer, nothing written',
      },
      warnings: {
        description: 'rules that did not refuse the command but ask for attention',
        ...list({ type: 'object', properties: { rule: { type: 'string' }, message: { type: 'string' } } }),
      },
      caseId: { type: 'string' },
      associationId: { type: 'string' },
      commissionId: { type: 'string' },
      sessionId: { type: 'string' },
      documentId: { type: 'string', description: 'an uploaded document (POST /cases/{caseId}/documents)' },
      sha256: { type: 'string', description: "the uploaded document's SHA-256" },
      possibleMatch: {
        type: 'object',
        description: 'PSP-07: a probable earlier parcours of the same person, to confirm or deny',
      },
    },
    ['revision', 'events', 'replayed', 'warnings'],
    true,
  ),
  CommandAvailability: record({
    command: { type: 'string' },
    allowed: { type: 'boolean' },
    reasons: {
      description: 'why it is refused now: the rule and the missing fact (PD-6)',
      ...list(ruleReason),
    },
  }),
  Period: object(
    {
      index: { type: 'integer' },
      kind: { type: 'string' },
      start: date,
      end: date,
      plannedEnd: date,
      shortened: { type: 'boolean' },
      stoppedOn: date,
    },
    ['index', 'kind', 'start', 'end'],
  ),
  CaseView: object(
    {
      status: { type: 'string' },
      stage: { type: 'string' },
      periods: list(ref('Period')),
      rights: object(
        {
          capMonths: { type: 'integer' },
          used: monthsAndDays,
          usedDays: { type: 'integer' },
          personUsed: {
            ...monthsAndDays,
            description: "PSP-07: rights used over every case of the person (the cap's count)",
          },
          left: monthsAndDays,
          finalPeriod: { type: 'boolean' },
          rightsEndedOn: date,
          hardshipPresumed: { type: 'boolean' },
        },
        [],
      ),
      aps: object(
        {
          status: { type: 'string' },
          validFrom: date,
          validTo: date,
          workAllowed: { type: 'boolean' },
          daysFromAuthorisationToAps: { type: 'integer' },
        },
        [],
      ),
      afis: object(
        {
          status: { type: 'string' },
          monthlyAmountCents: { type: 'integer' },
          endsOn: date,
          endReason: { type: 'string' },
        },
        [],
      ),
      deadlines: object({
        periodEnd: date,
        capDate: date,
        apsExpiry: date,
        apsImplicitRefusalOn: date,
        observationsDeadline: date,
        appealUntil: date,
        postPspReview: date,
      }),
      plannedActions: strings,
      outcomes: record({
        training: { type: 'boolean' },
        job: { type: 'boolean' },
        housing: { type: 'boolean' },
      }),
      warnings: list({ type: 'object' }),
    },
    [],
  ),
  CasePerson: object(
    {
      givenName: { type: 'string' },
      familyName: { type: 'string' },
      birthDate: { type: 'string' },
      nationality: { type: 'string' },
    },
    [],
  ),
  Case: object(
    {
      caseId: { type: 'string', format: 'uuid' },
      fileNumber: { type: 'string', description: 'the human-readable file number, e.g. 69-2026-0042' },
      revision: { type: 'integer' },
      departement: { type: 'string' },
      associationId: { type: 'string' },
      personRef: { type: 'string' },
      openedOn: date,
      view: ref('CaseView'),
      file: {
        type: 'object',
        description: 'the file behind the view (opinions, decisions, APS and AFIS files)',
      },
      commands: list(ref('CommandAvailability')),
      person: ref('CasePerson'),
      personParcours: {
        type: 'object',
        description: "PSP-07: the person's other cases as the role may see them (rights used, link state)",
      },
    },
    [],
  ),
  CaseListItem: {
    type: 'object',
    description: 'one row of the case_list view, its fields those your role may see',
  },
  CaseSearch: record({
    items: list(
      object(
        {
          caseId: { type: 'string' },
          fileNumber: { type: 'string' },
          departement: { type: 'string' },
          status: { type: 'string' },
          stage: { type: 'string' },
          openedOn: date,
        },
        ['caseId', 'departement', 'status', 'openedOn'],
      ),
    ),
  }),
  CaseList: record({
    items: list(ref('CaseListItem')),
    limit: { type: 'integer' },
    offset: { type: 'integer' },
  }),
  CaseHistory: record({
    caseId: { type: 'string' },
    revision: { type: 'integer' },
    entries: list(
      object(
        {
          revision: { type: 'integer' },
          globalPosition: { type: 'string' },
          type: { type: 'string' },
          recordedAt: timestamp,
          occurredAt: { type: 'string' },
          actor: record({ role: { type: 'string' }, id: { type: 'string' } }),
          command: { type: 'string' },
          commandId: { type: 'string' },
          correlationId: { type: 'string' },
          machineVersion: { type: 'string' },
          schemaVersion: { type: 'integer' },
          rules: strings,
          reasons: strings,
          data: {},
        },
        ['revision', 'globalPosition', 'type', 'recordedAt', 'occurredAt', 'schemaVersion', 'rules', 'data'],
      ),
    ),
  }),
  CaseAsOf: object(
    {
      caseId: { type: 'string' },
      revision: { type: 'integer' },
      recordedAt: timestamp,
      asOf: object({ date: { type: 'string' }, revision: { type: 'integer' }, basis: { type: 'string' } }),
      departement: { type: 'string' },
      associationId: { type: 'string' },
      personRef: { type: 'string' },
      openedOn: date,
      view: ref('CaseView'),
    },
    [
      'caseId',
      'revision',
      'recordedAt',
      'asOf',
      'departement',
      'associationId',
      'personRef',
      'openedOn',
      'view',
    ],
  ),
  IntegrityFinding: object(
    {
      kind: { enum: ['altered', 'removed', 'reordered', 'inserted', 'digest', 'machine', 'view'] },
      streamId: { type: 'string' },
      revision: { type: 'integer' },
      globalPosition: { type: 'string' },
      message: { type: 'string' },
    },
    ['kind', 'message'],
  ),
  Verification: record({
    ok: { type: 'boolean' },
    events: { type: 'integer' },
    streams: { type: 'integer' },
    digests: { type: 'integer' },
    undigestedEvents: { type: 'integer' },
    casesCompared: { type: 'integer' },
    casesSkipped: { type: 'integer' },
    findings: list(ref('IntegrityFinding')),
  }),
  ReadAuditList: record({
    items: list({ type: 'object', description: 'one audited read (who, when, route, case, fields)' }),
    limit: { type: 'integer' },
    offset: { type: 'integer' },
  }),
  Association: record({
    associationId: { type: 'string' },
    revision: { type: 'integer' },
    agrement: {
      type: 'object',
      description:
        'status, départements, validity, the application under instruction and the deadlines (AGR-04..AGR-08)',
      properties: { status: { type: 'string' } },
      required: ['status'],
    },
  }),
  Commission: record({
    commissionId: { type: 'string' },
    revision: { type: 'integer' },
    commission: {
      type: 'object',
      description:
        'chairs and members by id and category with terms and training (COM-01..COM-05); never a name',
    },
  }),
  CommissionSession: {
    oneOf: [
      record({
        sessionId: { type: 'string' },
        revision: { type: 'integer' },
        session: {
          type: 'object',
          description:
            'agenda with recusals, eligible voters, quorum and opinions (each case item with its fileNumber); the roster of the sitting by id and category (never a name)',
          properties: {
            status: { type: 'string' },
            roster: list(
              object(
                {
                  memberId: { type: 'string' },
                  role: { enum: ['chair', 'member'] },
                  category: { type: 'string' },
                  associationId: { type: 'string' },
                  individualCaseAccess: { type: 'boolean' },
                },
                ['memberId', 'role', 'category', 'individualCaseAccess'],
              ),
            ),
          },
          required: ['status', 'roster'],
        },
        commands: {
          description:
            'each command of the sitting with whether you may issue it now, or the rule and reason why not (as a case’s commands)',
          ...list(ref('CommandAvailability')),
        },
      }),
      record({
        sessionId: { type: 'string' },
        revision: { type: 'integer' },
        commands: list(ref('CommandAvailability')),
        member: object(
          {
            status: { type: 'string' },
            sittingOn: date,
            agenda: list(
              object(
                {
                  itemId: { type: 'string' },
                  kind: { type: 'string' },
                  caseId: { type: 'string' },
                  subject: { type: 'string' },
                  deliberated: { type: 'boolean' },
                  summary: {
                    type: 'object',
                    description: 'the minimised case summary (R3; audited, ACL-06)',
                  },
                },
                ['itemId', 'kind', 'deliberated'],
              ),
            ),
          },
          ['status', 'agenda'],
        ),
      }),
    ],
  },
  HandlerInbox: record({
    today: date,
    byStatus: list(
      record({ status: { type: 'string' }, stage: nullable('string'), cases: { type: 'integer' } }),
    ),
    items: list(
      record({
        caseId: { type: 'string' },
        fileNumber: nullable('string', { description: 'the human-readable file number, e.g. 69-2026-0042' }),
        departement: { type: 'string' },
        associationId: { type: 'string' },
        status: { type: 'string' },
        stage: nullable('string'),
        requestType: { type: 'string' },
        periodIndex: nullable('integer'),
        periodEnd: nullableDate,
        daysToRenewal: nullable('integer'),
        monthsUsed: monthsAndDays,
        capMonths: { type: 'integer' },
        aps: { type: 'string' },
        apsExpiry: nullableDate,
        nextCommissionSession: {
          oneOf: [record({ sessionId: { type: 'string' }, sittingOn: date }), { type: 'null' }],
        },
        postPspReviewDue: nullableDate,
      }),
    ),
    limit: { type: 'integer' },
    offset: { type: 'integer' },
  }),
  Deadlines: record({
    today: date,
    within: { type: 'integer' },
    until: date,
    items: list(
      object(
        {
          source: { enum: ['case', 'agrement', 'commission_member'] },
          subjectId: { type: 'string' },
          kind: { type: 'string' },
          ruleId: { type: 'string' },
          dueOn: date,
          daysLeft: { type: 'integer' },
          departement: { type: 'string' },
          associationId: nullable('string'),
          commissionId: nullable('string'),
          expired: {
            type: 'boolean',
            description: 'COM-02: a term that ended and was neither renewed nor filled',
          },
        },
        [
          'source',
          'subjectId',
          'kind',
          'ruleId',
          'dueOn',
          'daysLeft',
          'departement',
          'associationId',
          'commissionId',
        ],
      ),
    ),
  }),
  AssociationsView: record({
    today: date,
    on: date,
    items: list(
      record({
        associationId: { type: 'string' },
        headOfficeDepartement: nullable('string'),
        departements: strings,
        status: { type: 'string' },
        validFrom: nullableDate,
        validTo: nullableDate,
        validOnDate: { type: 'boolean' },
        expiringWithinSixMonths: { type: 'boolean' },
        casesInstructed: { type: 'integer' },
      }),
    ),
  }),
  CommissionsView: record({
    today: date,
    year: { type: 'integer' },
    within: { type: 'integer' },
    rules: record({ minimum: { type: 'string' }, terms: { type: 'string' }, training: { type: 'string' } }),
    items: list(
      record({
        commissionId: { type: 'string' },
        departement: { type: 'string' },
        year: { type: 'integer' },
        sessionsHeld: { type: 'integer' },
        policySessions: { type: 'integer' },
        minimum: { type: 'integer' },
        minimumMet: { type: 'boolean' },
        termsEnding: list(
          record({
            memberId: { type: 'string' },
            category: { type: 'string' },
            termEnd: date,
            daysLeft: { type: 'integer' },
          }),
        ),
        withoutTraining: list(record({ memberId: { type: 'string' }, category: { type: 'string' } })),
      }),
    ),
  }),
  CommissionAgenda: object(
    {
      from: date,
      to: date,
      sessions: list(
        record({
          sessionId: { type: 'string' },
          commissionId: { type: 'string' },
          departement: { type: 'string' },
          status: { type: 'string' },
          convenedOn: nullableDate,
          sittingOn: nullableDate,
          urgency: { type: 'boolean' },
          noticeRespected: { type: 'boolean' },
          items: list(
            object(
              {
                itemId: { type: 'string' },
                kind: { type: 'string' },
                subject: { type: 'string' },
                recusals: record({
                  instructingAssociation: strings,
                  declaredInterest: strings,
                  individualFilesExcluded: strings,
                }),
                recusalFlags: record({
                  'ACL-01': { type: 'boolean' },
                  'ACL-02': { type: 'boolean' },
                  'ACL-03': { type: 'boolean' },
                }),
                deliberated: { type: 'boolean' },
                postponed: { type: 'boolean' },
                outcome: nullable('string'),
                case: {
                  oneOf: [
                    record({
                      caseId: { type: 'string' },
                      requestType: nullable('string'),
                      instructingAssociationId: nullable('string'),
                      status: nullable('string'),
                      stage: nullable('string'),
                      periodIndex: nullable('integer'),
                      periodEnd: nullableDate,
                      monthsUsed: { oneOf: [monthsAndDays, { type: 'null' }] },
                      rightsLeft: { oneOf: [monthsAndDays, { type: 'null' }] },
                    }),
                    { type: 'null' },
                  ],
                },
              },
              ['itemId', 'kind', 'recusals', 'recusalFlags', 'deliberated', 'postponed', 'outcome', 'case'],
            ),
          ),
        }),
      ),
    },
    ['sessions'],
  ),
  Indicators: object(
    {
      year: { type: 'integer' },
      minCell: { type: 'integer', description: 'k: the smallest count published (INDICATORS_MIN_CELL)' },
      departements: strings,
      departementsWithPsp: record({ ever: { type: 'integer' }, inProgressAtYearEnd: { type: 'integer' } }),
      tables: list(
        object(
          {
            id: { type: 'string' },
            item: { type: 'string' },
            title: { type: 'string' },
            columns: strings,
            rows: list(ref('IndicatorRow')),
            national: ref('IndicatorRow'),
          },
          ['id', 'item', 'title', 'columns', 'rows', 'national'],
        ),
      ),
      rates: list({ type: 'object' }),
      leadTimes: list({ type: 'object' }),
      commissions: {
        description:
          'COM-03: the départements whose commission was installed by the end of the year (JSON only)',
        ...list(record({ departement: { type: 'string' }, constitutedOn: date })),
      },
    },
    ['year', 'minCell', 'departements', 'departementsWithPsp', 'tables', 'rates', 'leadTimes'],
  ),
  NotificationOutbox: record({
    departement: { type: 'string' },
    items: list(
      object(
        {
          id: { type: 'string' },
          kind: {
            type: 'string',
            description: 'decision, observations, convocation, agenda-update, sitting-cancelled, deadline:<which> (renewal-60, member-term, …)',
          },
          about: {
            type: 'string',
            description:
              'a case id, an association id, commission-session:<id> or commission-member:<dept>:<id>',
          },
          recipient: record({
            kind: { type: 'string', enum: ['association', 'prefecture', 'member'] },
            key: {
              type: 'string',
              description: 'the association id, the département, or <département>/<member id>',
            },
          }),
          subject: { type: 'string' },
          status: { type: 'string', enum: ['pending', 'sent', 'cancelled', 'undeliverable'] },
          attempts: { type: 'integer' },
          notBefore: timestamp,
          createdAt: timestamp,
          sentAt: timestamp,
          lastError: { type: 'string', description: 'the SMTP code of the last failure' },
        },
        ['id', 'kind', 'about', 'recipient', 'subject', 'status', 'attempts', 'notBefore'],
      ),
    ),
  }),
  IndicatorRow: object(
    {
      departement: { type: 'string' },
      values: {
        description: 'one per column; null = suppressed (small count, ACL-06)',
        ...list(nullable('number')),
      },
      total: nullable('number'),
    },
    ['departement', 'values'],
  ),
  RetentionDue: record({
    today: date,
    items: list(
      record({
        caseId: { type: 'string' },
        departement: { type: 'string' },
        status: { type: 'string' },
        lastEventOn: date,
        noticeFrom: date,
        purgeOn: date,
      }),
    ),
  }),
  RetentionRun: record({ outcomes: list({ type: 'object' }) }),
  Revocation: object(
    {
      kind: { enum: ['token', 'subject'] },
      tokenId: { type: 'string' },
      subject: { type: 'string' },
      issuedUpTo: { type: 'string' },
      revokedAt: { type: 'string' },
      revokedBy: { type: 'string' },
      reason: { type: 'string' },
    },
    ['kind'],
    false,
  ),
};

/** `{ $ref }` to one of the answers above, for `@ApiOkResponse({ schema })`. */
export function answerSchema(name: keyof typeof RESPONSE_SCHEMAS & string): JsonSchema {
  if (!RESPONSE_SCHEMAS[name]) throw new Error(`no answer schema ${name}`);
  return ref(name);
}
