import { CommissionOpinionRecorded } from '../events';
import { DecisionCycle } from '../machine/context';
import {
  associationOpinionOnFile,
  bothOpinionsOnFile,
  commissionOpinionOnFile,
  commissionOpinionValid,
} from './opinions';

type Kind = CommissionOpinionRecorded['data']['kind'];

const KINDS: readonly Kind[] = ['entry', 'renewal', 'resumption', 'afis'];

const opinion = (
  over: Partial<CommissionOpinionRecorded['data']> = {},
): CommissionOpinionRecorded['data'] => ({
  recordedOn: '2024-02-10',
  opinion: 'favourable',
  quorumMet: true,
  recusalsApplied: true,
  sessionId: 'S-69-2024-02',
  itemId: 'item-1',
  kind: 'entry',
  ...over,
});

const commissionOnFile = {
  opinion: 'unfavourable' as const,
  recordedOn: '2024-02-10',
  sessionId: 'S-69-2024-02',
  itemId: 'item-1',
};
const associationOnFile = { opinion: 'favourable' as const, givenOn: '2024-01-20' };

describe('PSP-02 / PSP-03 opinions on file for the decision cycle', () => {
  const cases: readonly [
    string,
    DecisionCycle,
    readonly { rule: string; message: string; missing: string }[],
  ][] = [
    [
      'both on file',
      { kind: 'entry', commissionOpinion: commissionOnFile, associationOpinion: associationOnFile },
      [],
    ],
    [
      'the commission opinion missing',
      { kind: 'renewal', associationOpinion: associationOnFile },
      [{ rule: 'PSP-02', message: 'the commission opinion (avis) is missing', missing: 'commissionOpinion' }],
    ],
    [
      'the association opinion missing',
      { kind: 'resumption', commissionOpinion: commissionOnFile },
      [
        {
          rule: 'PSP-02',
          message: 'the association opinion (avis) is missing',
          missing: 'associationOpinion',
        },
      ],
    ],
    [
      'both missing (every reason at once, commission first)',
      { kind: 'entry' },
      [
        { rule: 'PSP-02', message: 'the commission opinion (avis) is missing', missing: 'commissionOpinion' },
        {
          rule: 'PSP-02',
          message: 'the association opinion (avis) is missing',
          missing: 'associationOpinion',
        },
      ],
    ],
  ];

  it.each(cases)('PSP-02 the préfet decides only after both opinions: %s', (_label, cycle, expected) => {
    expect(bothOpinionsOnFile(cycle)).toEqual(expected);
  });

  it('PSP-02 an unfavourable commission opinion is still an opinion on file (simple opinion, PD-4)', () => {
    expect(commissionOpinionOnFile({ kind: 'entry', commissionOpinion: commissionOnFile })).toEqual([]);
    expect(
      associationOpinionOnFile({
        kind: 'entry',
        associationOpinion: { ...associationOnFile, opinion: 'unfavourable' },
      }),
    ).toEqual([]);
  });
});

describe('T4 / PD-3 a commission opinion counts only with quorum, recusals and the right kind', () => {
  it.each(KINDS)('PSP-03 an opinion on %s is accepted for a decision on the same kind', (kind) => {
    expect(commissionOpinionValid(opinion({ kind }), kind)).toEqual([]);
  });

  const mismatched = KINDS.flatMap((expected) =>
    KINDS.filter((given) => given !== expected).map((given) => [given, expected] as const),
  );

  it.each(mismatched)('PSP-03 an opinion on %s is refused when one on %s is expected', (given, expected) => {
    expect(commissionOpinionValid(opinion({ kind: given }), expected)).toEqual([
      { rule: 'PSP-03', message: expect.stringContaining(`not on a`) },
    ]);
  });

  it('PSP-03 the refusal says which opinion is expected and which was given, with the right article', () => {
    expect(commissionOpinionValid(opinion({ kind: 'entry' }), 'renewal')).toEqual([
      { rule: 'PSP-03', message: 'an opinion on a renewal is expected, not on an entry' },
    ]);
    expect(commissionOpinionValid(opinion({ kind: 'resumption' }), 'afis')).toEqual([
      { rule: 'PSP-03', message: 'an opinion on an afis is expected, not on a resumption' },
    ]);
  });

  it('COM-07 an opinion given without quorum is refused, naming the quorum', () => {
    expect(commissionOpinionValid(opinion({ quorumMet: false }), 'entry')).toEqual([
      { rule: 'COM-07', message: 'the commission had no quorum for this opinion', missing: 'quorum' },
    ]);
  });

  it('ACL-01 an opinion given without the recusals applied is refused, naming the recusals', () => {
    expect(commissionOpinionValid(opinion({ recusalsApplied: false }), 'entry')).toEqual([
      {
        rule: 'ACL-01',
        message: 'the recusals (instructing association, conflicted members) were not applied',
        missing: 'recusals',
      },
    ]);
  });

  it('COM-07, ACL-01 and PSP-03 are all reported at once, in that order', () => {
    expect(
      commissionOpinionValid(
        opinion({ quorumMet: false, recusalsApplied: false, kind: 'afis' }),
        'entry',
      ).map((v) => v.rule),
    ).toEqual(['COM-07', 'ACL-01', 'PSP-03']);
  });
});
