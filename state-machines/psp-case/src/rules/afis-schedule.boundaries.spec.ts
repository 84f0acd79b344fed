import { AfisPaymentMade, pspEvent } from '../events';
import { AfisContext, AfisGrant } from '../machine/context';
import { contextWith } from '../testing/contexts';
import { MAYOTTE } from './afis-rules';
import { afisPaymentDue, afisPaymentLawful, afisSchedule, isCalendarMonth, monthOf } from './afis-schedule';

/**
 * Boundaries of the AFIS as money (D.121-12-14 to D.121-12-16; ADR-0013): the first and last day
 * due in a month (prorated by days), a whole month, a revaluation on 1 July 2022, the children
 * counted on the first day due, payment in arrears (the last day of the month and the day after),
 * once per run month, and exactly what is due.
 */

const NEW_SCALE = 'D.121-12-14, décret 2022-1340';
const OLD_SCALE = 'D.121-12-14, décret 2017-542';

const grant = (from: string, until: string, kind: AfisGrant['kind'] = 'initial'): AfisGrant => ({
  kind,
  decisionDate: from,
  from,
  until,
});

const withAfis = (afis: Partial<AfisContext>, departement?: string) =>
  contextWith({ afis, ...(departement ? { departement } : {}) });

type Paid = NonNullable<AfisContext['payments']>[number];
const paid = (runMonth: string, lines: Paid['lines'], paidOn = '2099-01-01'): Paid => ({
  runMonth,
  paidOn,
  lines,
});

const payment = (
  runMonth: string,
  paidOn: string,
  lines: AfisPaymentMade['data']['lines'],
): AfisPaymentMade => pspEvent('AfisPaymentMade', { runMonth, paidOn, lines } as AfisPaymentMade['data']);

describe('D.121-12-16 calendar months', () => {
  it.each([
    ['2024-01', true],
    ['2024-12', true],
    ['2024-00', false],
    ['2024-13', false],
    ['2024-1', false],
    ['x2024-01', false],
    ['2024-01x', false],
    ['2024-01-01', false],
    [202401, false],
  ] as const)('D.121-12-16 %j is a run month: %s', (value, expected) => {
    expect(isCalendarMonth(value)).toBe(expected);
  });

  it('D.121-12-16 the month of a date', () => {
    expect(monthOf('2024-03-15')).toBe('2024-03');
  });
});

describe('D.121-12-14 / ADR-0013 the AFIS month by month', () => {
  it('D.121-12-14 no grant and no payment: no month', () => {
    expect(afisSchedule(withAfis({}))).toEqual([]);
    expect(afisSchedule(withAfis({ grants: [] }))).toEqual([]);
  });

  it('ADR-0013 a grant from 16 March to 15 May: 16 of 31 days, April whole, 15 of 31 days', () => {
    const months = afisSchedule(withAfis({ grants: [grant('2024-03-16', '2024-05-15')] }));
    expect(months).toEqual([
      {
        month: '2024-03',
        days: 16,
        daysInMonth: 31,
        children: 0,
        monthlyAmountCents: 34320,
        basis: NEW_SCALE,
        dueCents: 17714,
        payableFrom: '2024-04-01',
        paidCents: 0,
        unpaidCents: 17714,
        overpaidCents: 0,
      },
      {
        month: '2024-04',
        days: 30,
        daysInMonth: 30,
        children: 0,
        monthlyAmountCents: 34320,
        basis: NEW_SCALE,
        dueCents: 34320,
        payableFrom: '2024-05-01',
        paidCents: 0,
        unpaidCents: 34320,
        overpaidCents: 0,
      },
      expect.objectContaining({
        month: '2024-05',
        days: 15,
        daysInMonth: 31,
        dueCents: 16606,
        payableFrom: '2024-06-01',
      }),
    ]);
  });

  it('ADR-0013 a grant of one day is due for that day; a grant ending before it starts is nothing', () => {
    expect(afisSchedule(withAfis({ grants: [grant('2024-04-30', '2024-04-30')] }))).toEqual([
      expect.objectContaining({ month: '2024-04', days: 1, dueCents: 1144 }),
    ]);
    expect(afisSchedule(withAfis({ grants: [grant('2024-05-01', '2024-04-30')] }))).toEqual([]);
  });

  it('ADR-0013 February of a leap year is whole with 29 days', () => {
    expect(afisSchedule(withAfis({ grants: [grant('2024-02-01', '2024-02-29')] }))).toEqual([
      expect.objectContaining({ month: '2024-02', days: 29, daysInMonth: 29, dueCents: 34320 }),
    ]);
  });

  it('D.121-12-14 the revaluation of 1 July 2022 reaches the months from July: June at the old scale, July at the new', () => {
    const months = afisSchedule(withAfis({ grants: [grant('2022-06-15', '2022-07-31')] }));
    expect(months.map((m) => [m.month, m.days, m.monthlyAmountCents, m.basis, m.dueCents])).toEqual([
      ['2022-06', 16, 33000, OLD_SCALE, 17600],
      ['2022-07', 31, 34320, NEW_SCALE, 34320],
    ]);
  });

  it('D.541-2-1 in Mayotte the Mayotte scale and its text', () => {
    expect(
      afisSchedule(withAfis({ grants: [grant('2024-03-16', '2024-03-31')] }, MAYOTTE)).map((m) => [
        m.monthlyAmountCents,
        m.basis,
        m.dueCents,
      ]),
    ).toEqual([[17160, 'CASF D.541-2-1, décret 2022-1340', 8857]]);
  });

  it('ADR-0013 two grants in one month add their days; the scale is read on the first day due, whatever the order of the grants', () => {
    const grants = [grant('2024-03-21', '2024-04-30', 'renewal'), grant('2024-03-01', '2024-03-10')];
    expect(afisSchedule(withAfis({ grants }))[0]).toEqual(
      expect.objectContaining({ month: '2024-03', days: 21, dueCents: 23249 }),
    );
    const children = [
      { from: '2024-03-01', children: 0 },
      { from: '2024-03-15', children: 1 },
    ];
    expect(afisSchedule(withAfis({ grants, children }))[0]).toEqual(
      expect.objectContaining({ children: 0, monthlyAmountCents: 34320 }),
    );
  });

  it('D.121-12-14 the children counted on the first day due of each month: a count from 10 April counts from May', () => {
    const months = afisSchedule(
      withAfis({
        grants: [grant('2024-03-16', '2024-05-31')],
        children: [
          { from: '2024-03-16', children: 0 },
          { from: '2024-04-10', children: 1 },
        ],
      }),
    );
    expect(months.map((m) => [m.month, m.children, m.monthlyAmountCents])).toEqual([
      ['2024-03', 0, 34320],
      ['2024-04', 0, 34320],
      ['2024-05', 1, 44928],
    ]);
    const fromFirst = afisSchedule(
      withAfis({
        grants: [grant('2024-04-01', '2024-04-30')],
        children: [{ from: '2024-04-01', children: 2 }],
      }),
    );
    expect(fromFirst[0].children).toBe(2);
  });

  it('D.121-12-14 a count from the first day due counts that month; the first day due is the earliest of the grants, in any order', () => {
    const children = [
      { from: '2024-03-01', children: 0 },
      { from: '2024-04-01', children: 2 },
    ];
    expect(
      afisSchedule(withAfis({ grants: [grant('2024-04-01', '2024-04-30')], children }))[0].children,
    ).toBe(2);
    const counted = [
      { from: '2024-03-01', children: 0 },
      { from: '2024-03-15', children: 1 },
    ];
    for (const grants of [
      [grant('2024-03-01', '2024-03-10'), grant('2024-03-21', '2024-04-30', 'renewal')],
      [grant('2024-03-21', '2024-04-30', 'renewal'), grant('2024-03-01', '2024-03-10')],
    ]) {
      expect(afisSchedule(withAfis({ grants, children: counted }))[0]).toEqual(
        expect.objectContaining({ month: '2024-03', days: 21, children: 0, dueCents: 23249 }),
      );
    }
  });

  it('D.121-12-14 the children are counted on the first day due, not on the first of the month', () => {
    const months = afisSchedule(
      withAfis({
        grants: [grant('2024-03-16', '2024-03-31')],
        children: [
          { from: '2024-03-01', children: 0 },
          { from: '2024-03-10', children: 1 },
        ],
      }),
    );
    expect(months[0]).toEqual(
      expect.objectContaining({ children: 1, monthlyAmountCents: 44928, dueCents: 23189 }),
    );
  });

  it('D.121-12-15 payments recorded with no grant at all are shown as paid, nothing due', () => {
    expect(
      afisSchedule(withAfis({ payments: [paid('2024-04', [{ month: '2024-04', amountCents: 500 }])] })),
    ).toEqual([expect.objectContaining({ month: '2024-04', days: 0, dueCents: 0, overpaidCents: 500 })]);
    expect(
      afisSchedule(
        withAfis({
          grants: [grant('2024-05-01', '2024-03-31')],
          payments: [paid('2024-04', [{ month: '2024-04', amountCents: 5 }])],
        }),
      ).map((m) => [m.month, m.days]),
    ).toEqual([['2024-04', 0]]);
  });

  it('D.121-12-14 before any count, the first count applies; with none, the children of the request', () => {
    expect(
      afisSchedule(
        withAfis({
          grants: [grant('2024-04-01', '2024-04-30')],
          dependentChildren: 3,
          children: [{ from: '2024-05-01', children: 1 }],
        }),
      )[0].children,
    ).toBe(1);
    expect(
      afisSchedule(withAfis({ grants: [grant('2024-04-01', '2024-04-30')], dependentChildren: 3 }))[0],
    ).toEqual(expect.objectContaining({ children: 3, monthlyAmountCents: 66144 }));
  });

  it('D.121-12-15 what was paid, the arrears and an overpayment shown, never offset (L.121-9)', () => {
    const grants = [grant('2024-03-01', '2024-04-30')];
    const months = afisSchedule(
      withAfis({
        grants,
        payments: [
          paid('2024-03', [{ month: '2024-03', amountCents: 40000 }]),
          paid('2024-04', [
            { month: '2024-04', amountCents: 100 },
            { month: '2024-04', amountCents: 200 },
          ]),
        ],
      }),
    );
    expect(months.map((m) => [m.month, m.dueCents, m.paidCents, m.unpaidCents, m.overpaidCents])).toEqual([
      ['2024-03', 34320, 40000, 0, 5680],
      ['2024-04', 34320, 300, 34020, 0],
    ]);
  });

  it('D.121-12-15 a month paid outside every grant is shown as paid and overpaid; months with nothing due nor paid are left out', () => {
    const months = afisSchedule(
      withAfis({
        grants: [grant('2024-01-01', '2024-01-31')],
        payments: [paid('2024-04', [{ month: '2024-04', amountCents: 500 }])],
      }),
    );
    expect(months.map((m) => m.month)).toEqual(['2024-01', '2024-04']);
    expect(months[1]).toEqual({
      month: '2024-04',
      days: 0,
      daysInMonth: 30,
      children: 0,
      monthlyAmountCents: 0,
      basis: '',
      dueCents: 0,
      payableFrom: '2024-05-01',
      paidCents: 500,
      unpaidCents: 0,
      overpaidCents: 500,
    });
    const before = afisSchedule(
      withAfis({
        grants: [grant('2024-06-01', '2024-06-30')],
        payments: [paid('2024-02', [{ month: '2024-02', amountCents: 500 }])],
      }),
    );
    expect(before.map((m) => m.month)).toEqual(['2024-02', '2024-06']);
  });

  it('D.121-12-14 the schedule runs to the latest month of any grant, across a year end', () => {
    const months = afisSchedule(
      withAfis({ grants: [grant('2024-12-01', '2025-02-15', 'renewal'), grant('2024-11-20', '2024-11-30')] }),
    );
    expect(months.map((m) => m.month)).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });
});

describe('D.121-12-15 / D.121-12-16 the monthly payment run', () => {
  const granted = (payments: Paid[] = []) =>
    withAfis({ grants: [grant('2024-03-16', '2024-05-31')], payments });

  it('D.121-12-15 a run pays every unpaid month up to its month, not later ones', () => {
    expect(afisPaymentDue(granted(), '2024-02')).toEqual([]);
    expect(afisPaymentDue(granted(), '2024-03')).toEqual([{ month: '2024-03', amountCents: 17714 }]);
    expect(afisPaymentDue(granted(), '2024-04')).toEqual([
      { month: '2024-03', amountCents: 17714 },
      { month: '2024-04', amountCents: 34320 },
    ]);
    expect(
      afisPaymentDue(granted([paid('2024-03', [{ month: '2024-03', amountCents: 17714 }])]), '2024-04'),
    ).toEqual([{ month: '2024-04', amountCents: 34320 }]);
    expect(
      afisPaymentDue(granted([paid('2024-03', [{ month: '2024-03', amountCents: 17000 }])]), '2024-03'),
    ).toEqual([{ month: '2024-03', amountCents: 714 }]);
  });

  it('D.121-12-16 the run month must be YYYY-MM, naming runMonth', () => {
    expect(afisPaymentLawful(granted(), payment('2024-3', '2024-04-05', []))).toEqual([
      { rule: 'D.121-12-16', message: 'the run month must be YYYY-MM', missing: 'runMonth' },
    ]);
  });

  it('D.121-12-16 a month is paid in arrears: on its last day refused, on the first day of the next month lawful', () => {
    const lines = [{ month: '2024-03', amountCents: 17714 }];
    expect(afisPaymentLawful(granted(), payment('2024-03', '2024-03-31', lines))).toEqual([
      { rule: 'D.121-12-16', message: 'the AFIS is paid in arrears: 2024-03 cannot be paid before it ends' },
    ]);
    expect(afisPaymentLawful(granted(), payment('2024-03', '2024-04-01', lines))).toEqual([]);
  });

  it('D.121-12-16 one run per month: a second run for the same month is refused', () => {
    const context = granted([paid('2024-03', [{ month: '2024-03', amountCents: 17714 }])]);
    expect(afisPaymentLawful(context, payment('2024-03', '2024-04-05', []))).toEqual([
      { rule: 'D.121-12-16', message: 'the AFIS of 2024-03 was already paid to this beneficiary' },
    ]);
    expect(
      afisPaymentLawful(
        context,
        payment('2024-04', '2024-05-05', [{ month: '2024-04', amountCents: 34320 }]),
      ),
    ).toEqual([]);
  });

  it('D.121-12-15 nothing due up to the run month: the run is refused', () => {
    expect(afisPaymentLawful(granted(), payment('2024-02', '2024-03-05', []))).toEqual([
      { rule: 'D.121-12-15', message: 'nothing is due to this beneficiary up to 2024-02' },
    ]);
  });

  it('D.121-12-15 nothing due: only that is reported, whatever lines the run carries', () => {
    expect(
      afisPaymentLawful(
        granted(),
        payment('2024-02', '2024-03-05', [{ month: '2024-02', amountCents: 100 }]),
      ),
    ).toEqual([{ rule: 'D.121-12-15', message: 'nothing is due to this beneficiary up to 2024-02' }]);
  });

  it.each([
    [
      'a wrong amount',
      [
        { month: '2024-03', amountCents: 17713 },
        { month: '2024-04', amountCents: 34320 },
      ],
    ],
    [
      'a wrong month',
      [
        { month: '2024-03', amountCents: 17714 },
        { month: '2024-05', amountCents: 34320 },
      ],
    ],
    ['a line missing', [{ month: '2024-03', amountCents: 17714 }]],
    [
      'a line too many',
      [
        { month: '2024-03', amountCents: 17714 },
        { month: '2024-04', amountCents: 34320 },
        { month: '2024-04', amountCents: 1 },
      ],
    ],
    ['no line', []],
  ])(
    'D.121-12-15 the lines must be exactly what is due: %s is refused, naming the lines',
    (_label, lines) => {
      expect(afisPaymentLawful(granted(), payment('2024-04', '2024-05-03', lines))).toEqual([
        {
          rule: 'D.121-12-15',
          message: 'the payment lines must be exactly the amounts due (see the payment schedule)',
          missing: 'lines',
        },
      ]);
    },
  );

  it('D.121-12-15 the lines exactly due, the arrears first: lawful', () => {
    expect(
      afisPaymentLawful(
        granted(),
        payment('2024-04', '2024-05-03', [
          { month: '2024-03', amountCents: 17714 },
          { month: '2024-04', amountCents: 34320 },
        ]),
      ),
    ).toEqual([]);
  });
});
