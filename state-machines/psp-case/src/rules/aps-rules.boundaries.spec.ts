import { CalendarDate } from '@psp/legal-kernel';
import { ApsChecklist, ApsDecisionFacts, NationalityDocument, PrefectureRequirement } from '../events';
import { foldCase } from '../fold';
import { PspCaseContext, Period } from '../machine/context';
import { DEFAULT_PSP_PARAMETERS } from '../parameters';
import { completeChecklist } from '../testing/fixtures';
import {
  apsChecklistComplete,
  apsIssuable,
  apsRenewable,
  apsValidityLongEnough,
  cerRequired,
  engagedInPsp,
  nationalityProved,
  noPublicOrderBar,
  prefectureRequirementsAllowed,
  stopOfProstitutionShown,
} from './aps-rules';

const params = DEFAULT_PSP_PARAMETERS;
const CER_FROM = params.cerRequiredFrom; // 2024-07-17
const DAY_BEFORE_CER = '2024-07-16';

const doc = (kind: NationalityDocument['kind'], hasPhoto: boolean, valid: boolean): NationalityDocument => ({
  kind,
  hasPhoto,
  valid,
});

describe('D2 nationality is proved by a passport or another document with a photo (annexe 2)', () => {
  const proved: readonly [string, NationalityDocument[]][] = [
    ['a valid passport', [doc('passport', false, true)]],
    ['a valid identity card with a photo', [doc('identity_card', true, true)]],
    [
      'a valid consular card with a photo beside a document without one',
      [doc('other', false, true), doc('consular_card', true, true)],
    ],
    [
      'an expired passport confirmed by a valid document without photo',
      [doc('passport', true, false), doc('nationality_certificate', false, true)],
    ],
    [
      'an expired card with a photo confirmed by a valid passport',
      [doc('consular_card', true, false), doc('passport', true, true)],
    ],
  ];
  it.each(proved)('D2 proved by %s', (_label, documents) => {
    expect(nationalityProved(documents)).toEqual([]);
  });

  const notProved = {
    rule: 'D2',
    message: 'nationality is not proved: a passport or another document with a photo is needed',
    missing: 'nationality',
  };
  const unconfirmed = {
    rule: 'D2',
    message: 'the nationality document has expired: another document must confirm it',
    missing: 'nationalityConfirmation',
  };
  const refused: readonly [string, NationalityDocument[], object][] = [
    ['no document', [], notProved],
    ['a valid document without a photo', [doc('consular_certificate', false, true)], notProved],
    [
      'two valid documents, none with a photo',
      [doc('other', false, true), doc('nationality_certificate', false, true)],
      notProved,
    ],
    ['an expired passport alone', [doc('passport', true, false)], unconfirmed],
    [
      'an expired passport and another expired document',
      [doc('passport', true, false), doc('other', false, false)],
      unconfirmed,
    ],
    [
      'two expired documents with photos',
      [doc('identity_card', true, false), doc('consular_card', true, false)],
      unconfirmed,
    ],
  ];
  it.each(refused)('D2 not proved by %s', (_label, documents, expected) => {
    expect(nationalityProved(documents)).toEqual([expected]);
  });
});

describe('CESEDA annexe 10 line 45: the APS checklist D1..D10', () => {
  const caseDocuments = { pspAuthorised: true, commissionOpinionOnFile: true };

  it('a complete checklist with the authorisation and the opinion on file is accepted', () => {
    expect(apsChecklistComplete(completeChecklist(), caseDocuments, CER_FROM, params)).toEqual([]);
  });

  it('D1 a birth certificate is not needed from a person holding a residence card', () => {
    expect(
      apsChecklistComplete(
        completeChecklist({ civilStatus: 'holds_residence_card' }),
        caseDocuments,
        CER_FROM,
        params,
      ),
    ).toEqual([]);
  });

  it('D4 the statement of non-polygamy is accepted when provided or not applicable', () => {
    expect(
      apsChecklistComplete(
        completeChecklist({ nonPolygamyStatement: 'provided' }),
        caseDocuments,
        CER_FROM,
        params,
      ),
    ).toEqual([]);
  });

  const missing: readonly [string, Partial<ApsChecklist>, object][] = [
    [
      'D1',
      { civilStatus: 'missing' },
      { rule: 'D1', message: 'the full birth certificate is missing', missing: 'birthCertificate' },
    ],
    ['D2', { nationalityDocuments: [] }, expect.objectContaining({ rule: 'D2', missing: 'nationality' })],
    [
      'D3',
      { proofOfAddress: false },
      { rule: 'D3', message: 'a proof of address under 6 months is missing', missing: 'proofOfAddress' },
    ],
    [
      'D4',
      { nonPolygamyStatement: 'missing' },
      {
        rule: 'D4',
        message: 'the sworn statement of non-polygamy is missing',
        missing: 'nonPolygamyStatement',
      },
    ],
    ['D5', { photos: false }, { rule: 'D5', message: 'the identity photos are missing', missing: 'photos' }],
    [
      'D8',
      { stopOfProstitutionDocuments: false },
      {
        rule: 'D8',
        message: 'documents allowing the stop of prostitution to be assessed are missing',
        missing: 'stopOfProstitution',
      },
    ],
    [
      'APS-13',
      { cerSigned: false },
      {
        rule: 'APS-13',
        message: "a signed contrat d'engagement républicain is required since 2024-07-17",
        missing: 'cer',
      },
    ],
  ];
  it.each(missing)('%s a missing item is refused, naming it', (_rule, over, expected) => {
    expect(apsChecklistComplete(completeChecklist(over), caseDocuments, CER_FROM, params)).toEqual([
      expected,
    ]);
  });

  it("D7 the préfet's authorisation to enter the PSP must be on the case", () => {
    expect(
      apsChecklistComplete(completeChecklist(), { ...caseDocuments, pspAuthorised: false }, CER_FROM, params),
    ).toEqual([
      {
        rule: 'D7',
        message: "the préfet's authorisation to enter the PSP is missing",
        missing: 'pspAuthorisation',
      },
    ]);
  });

  it("D9 the commission's opinion must be on the case", () => {
    expect(
      apsChecklistComplete(
        completeChecklist(),
        { ...caseDocuments, commissionOpinionOnFile: false },
        CER_FROM,
        params,
      ),
    ).toEqual([{ rule: 'D9', message: "the commission's opinion is missing", missing: 'commissionOpinion' }]);
  });

  it('APS-11 the visa fee never blocks filing (handed in on delivery)', () => {
    for (const visaFeeProof of ['provided', 'due_on_delivery', 'waived'] as const) {
      expect(
        apsChecklistComplete(completeChecklist({ visaFeeProof }), caseDocuments, CER_FROM, params),
      ).toEqual([]);
    }
  });

  it('APS-13 the CER is required from 17 July 2024 (filed that day) and not for a request filed the day before', () => {
    expect(cerRequired(CER_FROM, params)).toBe(true);
    expect(cerRequired(DAY_BEFORE_CER, params)).toBe(false);
    expect(
      apsChecklistComplete(completeChecklist({ cerSigned: false }), caseDocuments, DAY_BEFORE_CER, params),
    ).toEqual([]);
  });
});

describe('APS-03 / APS-07 / D2 what the préfecture may not demand', () => {
  it.each([['complaint_receipt'], ['criminal_proceedings_reference']] as const)(
    'APS-07 a %s may not be required',
    (requirement) => {
      expect(prefectureRequirementsAllowed([requirement], completeChecklist())).toEqual([
        {
          rule: 'APS-07',
          message: 'no complaint receipt or criminal proceedings may be required for the L.425-4 APS',
          missing: 'documents',
        },
      ]);
    },
  );

  it('APS-03 a long-stay visa may not be required', () => {
    expect(prefectureRequirementsAllowed(['long_stay_visa'], completeChecklist())).toEqual([
      {
        rule: 'APS-03',
        message: 'no long-stay visa is required (L.412-1 does not apply)',
        missing: 'documents',
      },
    ]);
  });

  it('D2 a passport may not be required when other documents prove nationality', () => {
    const card = completeChecklist({ nationalityDocuments: [doc('identity_card', true, true)] });
    expect(prefectureRequirementsAllowed(['passport'], card)).toEqual([
      {
        rule: 'D2',
        message: 'the passport cannot be required: other valid documents with a photo prove nationality',
        missing: 'documents',
      },
    ]);
  });

  it('D2 a passport may be required when nationality is not proved otherwise', () => {
    const unproved = completeChecklist({ nationalityDocuments: [doc('other', false, true)] });
    expect(prefectureRequirementsAllowed(['passport'], unproved)).toEqual([]);
  });

  it('the ordinary documents may be required; every unlawful demand is reported', () => {
    const ordinary: PrefectureRequirement[] = ['birth_certificate', 'proof_of_address', 'photos'];
    expect(prefectureRequirementsAllowed(ordinary, completeChecklist())).toEqual([]);
    expect(
      prefectureRequirementsAllowed(
        ['photos', 'long_stay_visa', 'complaint_receipt'],
        completeChecklist(),
      ).map((v) => v.rule),
    ).toEqual(['APS-03', 'APS-07']);
  });
});

/** A case context with the given periods (no I/O: the fold of no events, then the facts under test). */
function contextWith(
  over: Omit<Partial<PspCaseContext>, 'aps'> & { aps?: Partial<PspCaseContext['aps']> },
): PspCaseContext {
  const base = foldCase([]).context;
  return { ...base, ...over, aps: { ...base.aps, ...over.aps } };
}

const period = (start: CalendarDate, end: CalendarDate, index = 1): Period => ({
  index,
  kind: index === 1 ? 'entry' : 'renewal',
  start,
  plannedEnd: end,
  end,
  shortened: false,
});

describe('APS-01 engaged in a running PSP on the decision date', () => {
  const running = contextWith({ periods: [period('2024-09-02', '2025-03-01')] });

  it.each([['2024-09-02'], ['2024-12-15'], ['2025-03-01']])(
    'APS-01 engaged on %s (first day, inside, last day)',
    (on) => {
      expect(engagedInPsp(running, on)).toEqual([]);
    },
  );

  it.each([['2024-09-01'], ['2025-03-02']])(
    'APS-01 not engaged on %s (the day before, the day after)',
    (on) => {
      expect(engagedInPsp(running, on)).toEqual([
        {
          rule: 'APS-01',
          message: 'the person is not engaged in a running PSP on that date',
          missing: 'pspAuthorisation',
        },
      ]);
    },
  );

  it('APS-01 not engaged once rights ended, even on a day inside the period', () => {
    const ended = contextWith({ periods: [period('2024-09-02', '2025-03-01')], rightsEndedOn: '2025-01-10' });
    expect(engagedInPsp(ended, '2024-12-15')).toEqual([expect.objectContaining({ rule: 'APS-01' })]);
  });

  it('APS-01 engaged in a later period after a gap, not in the gap', () => {
    const two = contextWith({
      periods: [period('2024-01-02', '2024-07-01'), period('2024-09-02', '2025-03-01', 2)],
    });
    expect(engagedInPsp(two, '2024-10-01')).toEqual([]);
    expect(engagedInPsp(two, '2024-08-01')).toHaveLength(1);
  });
});

const facts = (over: Partial<ApsDecisionFacts> = {}): ApsDecisionFacts => ({
  decisionDate: '2024-10-01',
  publicOrderThreat: false,
  previousOqtf: 'none',
  stopDoubted: false,
  ...over,
});

describe('APS-02 / ACL-08 the stop of prostitution', () => {
  it('APS-02 with no evidence of the stop on file, the APS is refused, naming the evidence', () => {
    const expected = [
      { rule: 'APS-02', message: 'no evidence that prostitution has stopped', missing: 'stopOfProstitution' },
    ];
    expect(stopOfProstitutionShown(undefined, facts())).toEqual(expected);
    expect(
      stopOfProstitutionShown(completeChecklist({ stopOfProstitutionDocuments: false }), facts()),
    ).toEqual(expected);
  });

  it('APS-02 only a police answer that the activity has not stopped refuses the APS; an enquiry asked and unanswered, or answered that it stopped, does not', () => {
    const withDoubt = (policeEnquiry: ApsDecisionFacts['policeEnquiry']) =>
      stopOfProstitutionShown(completeChecklist(), facts({ stopDoubted: true, policeEnquiry }));
    expect(withDoubt('answered_not_stopped')).toEqual([
      {
        rule: 'APS-02',
        message: 'the police or gendarmerie answered that prostitution has not stopped',
        missing: 'policeEnquiry',
      },
    ]);
    expect(withDoubt('asked')).toEqual([]);
    expect(withDoubt('answered_stopped')).toEqual([]);
    expect(withDoubt(undefined)).toEqual([]);
  });

  it.each(['asked', 'answered_stopped', 'answered_not_stopped'] as const)(
    'ACL-08 a police enquiry (%s) without a doubt stated by the préfet is refused whatever it found',
    (policeEnquiry) => {
      expect(stopOfProstitutionShown(completeChecklist(), facts({ policeEnquiry }))).toEqual([
        {
          rule: 'ACL-08',
          message: 'a police enquiry on the stop is recorded without the préfet stating a doubt',
          missing: 'stopDoubted',
        },
      ]);
    },
  );
});

describe('APS-06 / APS-08 public order', () => {
  it('APS-06 a threat to public order bars the APS', () => {
    expect(noPublicOrderBar(facts({ publicOrderThreat: true }))).toEqual([
      { rule: 'APS-06', message: "the person's presence is a threat to public order" },
    ]);
  });

  it('APS-08 only an OQTF based on public order bars the APS', () => {
    expect(noPublicOrderBar(facts({ previousOqtf: 'public_order' }))).toEqual([
      { rule: 'APS-08', message: 'a previous OQTF based on a threat to public order bars the APS' },
    ]);
    expect(noPublicOrderBar(facts({ previousOqtf: 'not_public_order' }))).toEqual([]);
    expect(noPublicOrderBar(facts({ previousOqtf: 'none' }))).toEqual([]);
  });
});

describe('APS-01 validity of at least 6 months', () => {
  it('APS-01 valid from 2 Sep 2024: the last valid day may be 1 Mar 2025, not 28 Feb 2025', () => {
    expect(apsValidityLongEnough('2024-09-02', '2025-03-01', params)).toEqual([]);
    expect(apsValidityLongEnough('2024-09-02', '2025-09-01', params)).toEqual([]);
    expect(apsValidityLongEnough('2024-09-02', '2025-02-28', params)).toEqual([
      { rule: 'APS-01', message: 'the APS must be valid for at least 6 months' },
    ]);
  });

  it('PD-5 a validity date before any minimum was in force is an error naming the parameter', () => {
    expect(() => apsValidityLongEnough('2015-01-15', '2015-07-14', params)).toThrow(
      'PD-5: no value of parameter "apsMinimumValidityMonths" is in force on 2015-01-15',
    );
  });

  it('APS-01 valid from 15 Jan 2025: 14 Jul 2025 is enough, 13 Jul is not', () => {
    expect(apsValidityLongEnough('2025-01-15', '2025-07-14', params)).toEqual([]);
    expect(apsValidityLongEnough('2025-01-15', '2025-07-13', params)).toHaveLength(1);
  });
});

describe('APS issue and renewal (APS-01, APS-02, APS-05, APS-06, APS-08, APS-09, APS-13)', () => {
  const issuable = contextWith({
    periods: [period('2024-09-02', '2025-03-01')],
    aps: {
      need: 'required',
      filedOn: '2024-09-10',
      checklist: completeChecklist(),
      asylumClaimPending: false,
    },
  });
  const decision = (over: Partial<ApsDecisionFacts & { validFrom: string; validTo: string }> = {}) => ({
    ...facts(),
    validFrom: '2024-10-01',
    validTo: '2025-03-31',
    ...over,
  });

  it('APS issue: every condition met, the APS is issued', () => {
    expect(apsIssuable(issuable, decision())).toEqual([]);
  });

  it('APS-01 no request filed, or the request already refused: nothing to issue', () => {
    const expected = [
      { rule: 'APS-01', message: 'no APS request is filed and pending', missing: 'apsRequest' },
    ];
    expect(apsIssuable({ ...issuable, aps: { ...issuable.aps, filedOn: undefined } }, decision())).toEqual(
      expected,
    );
    expect(
      apsIssuable(
        {
          ...issuable,
          aps: {
            ...issuable.aps,
            refusal: { decisionDate: '2024-09-20', reason: 'other', oqtfIssued: false },
          },
        },
        decision(),
      ),
    ).toEqual(expected);
  });

  it('APS-01 the decision date falls in the running period: the day after it ends is refused', () => {
    expect(apsIssuable(issuable, decision({ decisionDate: '2025-03-01' }))).toEqual([]);
    expect(apsIssuable(issuable, decision({ decisionDate: '2025-03-02' }))).toEqual([
      expect.objectContaining({ rule: 'APS-01', missing: 'pspAuthorisation' }),
    ]);
  });

  it('APS-09 no APS while the asylum claim is pending', () => {
    expect(
      apsIssuable({ ...issuable, aps: { ...issuable.aps, asylumClaimPending: true } }, decision()),
    ).toEqual([{ rule: 'APS-09', message: 'no APS is issued while the asylum claim is pending' }]);
  });

  it('APS-02 the stop evidence is checked at issue', () => {
    const noEvidence = {
      ...issuable,
      aps: { ...issuable.aps, checklist: completeChecklist({ stopOfProstitutionDocuments: false }) },
    };
    expect(apsIssuable(noEvidence, decision())).toEqual([
      expect.objectContaining({ rule: 'APS-02', missing: 'stopOfProstitution' }),
    ]);
  });

  it('APS-06 / APS-08 public order is checked at issue', () => {
    expect(
      apsIssuable(issuable, decision({ publicOrderThreat: true, previousOqtf: 'public_order' })).map(
        (v) => v.rule,
      ),
    ).toEqual(['APS-06', 'APS-08']);
  });

  it('APS-13 a CER must be on file when the decision falls on or after 17 July 2024', () => {
    const noCer = {
      ...issuable,
      aps: { ...issuable.aps, checklist: completeChecklist({ cerSigned: false }) },
    };
    expect(apsIssuable(noCer, decision())).toEqual([
      { rule: 'APS-13', message: "no signed contrat d'engagement républicain on file", missing: 'cer' },
    ]);
  });

  it('APS-02 / APS-13 with no checklist on file, both the stop evidence and the CER are reported', () => {
    const noChecklist = { ...issuable, aps: { ...issuable.aps, checklist: undefined } };
    expect(apsIssuable(noChecklist, decision()).map((v) => v.rule)).toEqual(['APS-02', 'APS-13']);
  });

  it('APS-13 no CER needed for a decision taken the day before 17 July 2024', () => {
    const before = contextWith({
      periods: [period('2024-03-01', '2024-08-31')],
      aps: { need: 'required', filedOn: '2024-03-10', checklist: completeChecklist({ cerSigned: false }) },
    });
    const on = (decisionDate: string) =>
      decision({ decisionDate, validFrom: decisionDate, validTo: '2025-03-31' });
    expect(apsIssuable(before, on(DAY_BEFORE_CER))).toEqual([]);
    expect(apsIssuable(before, on(CER_FROM))).toEqual([expect.objectContaining({ rule: 'APS-13' })]);
  });

  it('APS-01 an APS shorter than 6 months is refused at issue', () => {
    expect(apsIssuable(issuable, decision({ validTo: '2025-03-30' }))).toEqual([
      { rule: 'APS-01', message: 'the APS must be valid for at least 6 months' },
    ]);
  });

  const renewing = contextWith({
    periods: [period('2024-09-02', '2025-03-01')],
    // APS-02: the stop of prostitution must still be shown at renewal (apsRenewable reads the checklist).
    aps: { need: 'required', filedOn: '2024-09-10', renewalCerSigned: true, checklist: completeChecklist() },
  });

  it('APS-05 renewal while the PSP runs, with the CER: accepted', () => {
    expect(apsRenewable(renewing, decision())).toEqual([]);
  });

  it('APS-05 no renewal once the person is no longer in the PSP', () => {
    expect(apsRenewable(renewing, decision({ decisionDate: '2025-03-02' }))).toEqual([
      {
        rule: 'APS-05',
        message: 'the APS is renewed only while the person is still in the PSP',
        missing: 'pspRenewal',
      },
    ]);
  });

  it('APS-13 / APS-06 / APS-01 a renewal needs the CER, no public-order bar and 6 months of validity', () => {
    const noCer = { ...renewing, aps: { ...renewing.aps, renewalCerSigned: false } };
    expect(apsRenewable(noCer, decision())).toEqual([
      {
        rule: 'APS-13',
        message: "no signed contrat d'engagement républicain with the renewal",
        missing: 'cer',
      },
    ]);
    expect(
      apsRenewable(renewing, decision({ publicOrderThreat: true, validTo: '2025-03-30' })).map((v) => v.rule),
    ).toEqual(['APS-06', 'APS-01']);
  });

  it('APS-13 a renewal decided before 17 July 2024 needs no CER', () => {
    const early = contextWith({
      periods: [period('2024-03-01', '2024-08-31')],
      aps: { need: 'required', renewalCerSigned: false, checklist: completeChecklist() },
    });
    expect(
      apsRenewable(early, decision({ decisionDate: DAY_BEFORE_CER, validFrom: DAY_BEFORE_CER })),
    ).toEqual([]);
    expect(apsRenewable(early, decision({ decisionDate: CER_FROM, validFrom: CER_FROM }))).toEqual([
      expect.objectContaining({ rule: 'APS-13' }),
    ]);
  });
});
