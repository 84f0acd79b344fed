import { daysBetween } from '@psp/legal-kernel';
import { CaseFact, IndicatorFacts } from './indicator-facts';
import { Cell, LinkedGrid, checkMinCell, extendGrid, protectLinked } from './suppression';

/**
 * The section 7.3 indicators, by département and nationally, for one calendar year. Every count is
 * a cell or a marginal of one protected table (suppression.ts); rates, medians and percentiles are
 * published only over populations of at least k. Pure: the facts and `today` come in, a report goes out.
 */
export interface IndicatorQuery {
  /** The calendar year (the only period analysts may choose: no overlapping periods to difference). */
  readonly year: number;
  /** Quarter ends after this date are not published yet (stocks on a future date are only plans). */
  readonly today: string;
  /** k: the smallest count that may be published (INDICATORS_MIN_CELL). */
  readonly minCell: number;
}

export interface IndicatorRow {
  /** INSEE département code, or `national`. */
  readonly departement: string;
  /** One per column; `null` = suppressed (fewer than k people, or hidden so that such a cell can't be recovered). */
  readonly values: readonly (number | null)[];
  /** Row total, when the columns partition the row. */
  readonly total?: number | null;
}

export interface IndicatorTable {
  readonly id: string;
  /** Item of psp-rules section 7.3. */
  readonly item: string;
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly IndicatorRow[];
  readonly national: IndicatorRow;
}

export interface RateRow {
  readonly departement: string;
  /** Between 0 and 1, rounded to 3 decimals; `null` when the population is under k or a part is suppressed. */
  readonly value: number | null;
}

export interface IndicatorRate {
  readonly id: string;
  readonly item: string;
  readonly title: string;
  readonly rows: readonly RateRow[];
  readonly national: RateRow;
}

export interface LeadTimeRow {
  readonly departement: string;
  /** Nearest-rank median and 90th percentile in days; `null` when fewer than k cases. */
  readonly medianDays: number | null;
  readonly p90Days: number | null;
}

export interface LeadTime {
  readonly id: string;
  readonly item: string;
  readonly title: string;
  readonly rows: readonly LeadTimeRow[];
  readonly national: LeadTimeRow;
}

export interface IndicatorReport {
  readonly year: number;
  readonly minCell: number;
  readonly departements: readonly string[];
  /** 7.3 item 2: départements (not people) with at least one PSP started, ever and in progress at year end. */
  readonly departementsWithPsp: { readonly ever: number; readonly inProgressAtYearEnd: number };
  readonly tables: readonly IndicatorTable[];
  readonly rates: readonly IndicatorRate[];
  readonly leadTimes: readonly LeadTime[];
}

interface Context {
  readonly facts: IndicatorFacts;
  readonly from: string;
  readonly to: string;
  readonly today: string;
  readonly inYear: (date: string | undefined) => date is string;
}

/** Counted units: one per person or file, in a département and a column. */
type Unit = readonly [departement: string, column: string];

interface TableSpec {
  readonly id: string;
  readonly item: string;
  readonly title: string;
  readonly columns: (ctx: Context) => readonly string[];
  /** The columns partition each row (a total column is published and protected). */
  readonly additive: boolean;
  readonly units: (ctx: Context) => readonly Unit[];
  /** Cells that show the same quantity as cells of other tables: column name (or `total`) → quantity. */
  readonly links?: Readonly<Record<string, string>>;
}

const events = (ctx: Context, kind: string, cycle?: string) =>
  ctx.facts.events.filter(
    (e) => e.kind === kind && (cycle === undefined || e.cycle === cycle) && ctx.inYear(e.on),
  );

const QUARTER_ENDS = ['03-31', '06-30', '09-30', '12-31'];

function inProgressOn(ctx: Context, date: string): Unit[] {
  const seen = new Set<string>();
  const units: Unit[] = [];
  for (const p of ctx.facts.periods) {
    if (p.start <= date && date <= p.end && !seen.has(p.caseId)) {
      seen.add(p.caseId);
      units.push([p.departement, '']);
    }
  }
  return units;
}

/**
 * Each person's first period with rights (PSP-07: a person, not a case; her cases in several
 * départements or with several associations count once, where she first started).
 */
function firstStarts(ctx: Context): Map<string, { departement: string; start: string }> {
  const first = new Map<string, { departement: string; start: string }>();
  for (const p of ctx.facts.periods) {
    const person = p.personKey ?? p.caseId;
    const known = first.get(person);
    if (!known || p.start < known.start) first.set(person, { departement: p.departement, start: p.start });
  }
  return first;
}

const completed = (c: CaseFact) => c.exitReason === 'completed_at_cap' || c.exitReason === 'completed_early';

export const TABLES: readonly TableSpec[] = [
  {
    id: 'entry_requests',
    item: '3',
    title: 'First requests filed',
    columns: () => ['filed'],
    additive: false,
    units: (ctx) => events(ctx, 'request', 'entry').map((e) => [e.departement, 'filed']),
  },
  {
    id: 'entry_opinions',
    item: '3',
    title: 'Commission opinions (avis) on first requests',
    columns: () => ['favourable', 'unfavourable'],
    additive: true,
    units: (ctx) => events(ctx, 'commission_opinion', 'entry').map((e) => [e.departement, e.outcome ?? '']),
  },
  {
    id: 'entry_decisions',
    item: '3',
    title: "Préfet's decisions on first requests",
    columns: () => ['authorised', 'court_ordered', 'refused'],
    additive: true,
    units: (ctx) => events(ctx, 'decision', 'entry').map((e) => [e.departement, e.outcome ?? '']),
  },
  {
    id: 'renewal_requests',
    item: '3',
    title: 'Renewals requested',
    columns: () => ['filed'],
    additive: false,
    units: (ctx) => events(ctx, 'request', 'renewal').map((e) => [e.departement, 'filed']),
  },
  {
    id: 'renewal_decisions',
    item: '3',
    title: 'Renewals granted and not granted',
    columns: () => ['granted', 'not_granted'],
    additive: true,
    units: (ctx) => events(ctx, 'decision', 'renewal').map((e) => [e.departement, e.outcome ?? '']),
  },
  {
    id: 'interruptions',
    item: '3',
    title: 'Interruptions by reason',
    columns: () => ['person_choice', 'loss_of_contact', 'hospital_stay', 'other'],
    additive: true,
    units: (ctx) => events(ctx, 'interruption').map((e) => [e.departement, e.reason ?? 'other']),
  },
  {
    id: 'resumption_requests',
    item: '3',
    title: 'Resumptions requested',
    columns: () => ['filed'],
    additive: false,
    units: (ctx) => events(ctx, 'request', 'resumption').map((e) => [e.departement, 'filed']),
  },
  {
    id: 'resumption_decisions',
    item: '3',
    title: 'Resumptions authorised and refused',
    columns: () => ['authorised', 'refused'],
    additive: true,
    units: (ctx) => events(ctx, 'decision', 'resumption').map((e) => [e.departement, e.outcome ?? '']),
  },
  {
    id: 'stock',
    item: '4',
    title: 'PSPs in progress at each quarter end (national indicator 3.1), and people who ever started one',
    columns: (ctx) => [
      ...QUARTER_ENDS.map((q, i) => ({ date: `${ctx.to.slice(0, 4)}-${q}`, name: `in_progress_q${i + 1}` }))
        .filter((q) => q.date <= ctx.today)
        .map((q) => q.name),
      'cumulative_people',
    ],
    additive: false,
    units: (ctx) => {
      const year = ctx.to.slice(0, 4);
      const units: Unit[] = [];
      QUARTER_ENDS.forEach((q, i) => {
        const date = `${year}-${q}`;
        if (date <= ctx.today)
          units.push(...inProgressOn(ctx, date).map(([d]) => [d, `in_progress_q${i + 1}`] as const));
      });
      for (const { departement, start } of firstStarts(ctx).values()) {
        if (start <= ctx.to) units.push([departement, 'cumulative_people']);
      }
      return units;
    },
  },
  {
    id: 'exits',
    item: '5',
    title: 'Exits from the parcours by reason (all but completed_at_cap are exits before 24 months)',
    columns: () => [
      'completed_at_cap',
      'completed_early',
      'withdrawn',
      'not_renewed',
      'closed_death',
      'closed_left_france',
      'closed_moved_departement',
      'closed_changed_association',
      'closed_written_refusal',
    ],
    additive: true,
    units: (ctx) => events(ctx, 'exit').map((e) => [e.departement, e.reason ?? '']),
  },
  {
    id: 'completion_outcomes',
    item: '5',
    title: 'Completions in the year with training, a job, housing, all three',
    columns: () => ['with_training', 'with_job', 'with_housing', 'with_all_three'],
    additive: false,
    units: (ctx) =>
      ctx.facts.cases
        .filter((c) => completed(c) && ctx.inYear(c.exitOn) && c.outcomes)
        .flatMap((c) => {
          const o = c.outcomes!;
          const cols = [
            o.training && 'with_training',
            o.job && 'with_job',
            o.housing && 'with_housing',
            o.training && o.job && o.housing && 'with_all_three',
          ].filter((x): x is string => typeof x === 'string');
          return cols.map((col) => [c.departement, col] as const);
        }),
  },
  {
    id: 'aps_requests',
    item: '7',
    title: 'APS requests and renewals',
    columns: () => ['filed', 'renewal_filed', 'renewed'],
    additive: false,
    units: (ctx) => [
      ...events(ctx, 'aps_request').map((e) => [e.departement, 'filed'] as const),
      ...events(ctx, 'aps_renewal_request').map((e) => [e.departement, 'renewal_filed'] as const),
      ...events(ctx, 'aps_renewal').map((e) => [e.departement, 'renewed'] as const),
    ],
  },
  {
    id: 'aps_decisions',
    item: '7',
    title: 'APS issued and refused by reason',
    columns: () => ['issued', 'refused_public_order', 'refused_stop_not_shown', 'refused_other'],
    additive: true,
    units: (ctx) =>
      events(ctx, 'aps_decision').map((e) => [
        e.departement,
        e.outcome === 'issued' ? 'issued' : `refused_${e.reason ?? 'other'}`,
      ]),
  },
  {
    id: 'cst_decisions',
    item: '7',
    title: 'Post-PSP residence cards (CST) issued and refused',
    columns: () => ['issued', 'refused'],
    additive: true,
    units: (ctx) => events(ctx, 'cst_decision').map((e) => [e.departement, e.outcome ?? '']),
  },
  {
    id: 'afis_requests',
    item: '8',
    title: 'AFIS requests',
    columns: () => ['filed'],
    additive: false,
    units: (ctx) => events(ctx, 'afis_request').map((e) => [e.departement, 'filed']),
  },
  {
    id: 'afis_decisions',
    item: '8',
    title: 'AFIS granted and refused',
    columns: () => ['granted', 'refused'],
    additive: true,
    links: { granted: 'afis_new_beneficiaries' },
    units: (ctx) => events(ctx, 'afis_decision').map((e) => [e.departement, e.outcome ?? '']),
  },
  {
    id: 'afis_refusal_reasons',
    item: '8',
    title: 'AFIS refusals by reason (a refusal may have several)',
    columns: () => ['rsa', 'ada', 'resources', 'residence_document', 'other'],
    additive: false,
    units: (ctx) => events(ctx, 'afis_refusal_reason').map((e) => [e.departement, e.reason ?? 'other']),
  },
  {
    id: 'afis_beneficiaries',
    item: '8',
    title: 'AFIS beneficiaries at year end, and ever',
    columns: () => ['in_stock_at_year_end', 'cumulative_at_year_end'],
    additive: false,
    units: (ctx) =>
      ctx.facts.cases
        .filter((c) => c.afisGrantedOn !== undefined && c.afisGrantedOn <= ctx.to)
        .flatMap((c) => [
          ...(c.afisEndsOn === undefined || c.afisEndsOn > ctx.to
            ? [[c.departement, 'in_stock_at_year_end'] as const]
            : []),
          [c.departement, 'cumulative_at_year_end'] as const,
        ]),
  },
  {
    id: 'afis_new_beneficiaries_by_age',
    item: '8',
    title: 'New AFIS beneficiaries by age band (D.121-12-18)',
    columns: () => ['18_24', '25_34', '35_44', '45_plus', 'unknown'],
    additive: true,
    links: { total: 'afis_new_beneficiaries' },
    units: (ctx) =>
      ctx.facts.cases
        .filter((c) => ctx.inYear(c.afisGrantedOn))
        .map((c) => [c.departement, c.ageBand && c.ageBand !== 'under_18' ? c.ageBand : 'unknown']),
  },
  {
    id: 'afis_new_beneficiaries_by_nationality',
    item: '8',
    title: 'New AFIS beneficiaries by nationality group (D.121-12-18)',
    columns: () => ['french', 'eu_eea_swiss', 'third_country', 'unknown'],
    additive: true,
    links: { total: 'afis_new_beneficiaries' },
    units: (ctx) =>
      ctx.facts.cases
        .filter((c) => ctx.inYear(c.afisGrantedOn))
        .map((c) => [c.departement, c.nationalityGroup ?? 'unknown']),
  },
  {
    id: 'afis_paid_beneficiaries',
    item: '8',
    title: 'AFIS beneficiaries paid in each quarter (D.121-12-18 3°)',
    columns: (ctx) => quartersEnded(ctx).map((q) => q.name),
    additive: false,
    units: (ctx) => {
      const seen = new Set<string>();
      const units: Unit[] = [];
      for (const p of ctx.facts.payments ?? []) {
        const quarter = quarterOf(ctx, p.paidOn);
        if (!quarter || seen.has(`${p.caseId}|${quarter}`)) continue;
        seen.add(`${p.caseId}|${quarter}`);
        units.push([p.departement, quarter]);
      }
      return units;
    },
  },
];

/** The year's quarters that have ended by `today` (figures of a running quarter are not published). */
function quartersEnded(ctx: Context): { name: string; from: string; to: string }[] {
  const year = ctx.to.slice(0, 4);
  const starts = ['01-01', '04-01', '07-01', '10-01'];
  return QUARTER_ENDS.map((end, i) => ({
    name: `q${i + 1}`,
    from: `${year}-${starts[i]}`,
    to: `${year}-${end}`,
  })).filter((q) => q.to <= ctx.today);
}

function quarterOf(ctx: Context, date: string): string | undefined {
  return quartersEnded(ctx).find((q) => q.from <= date && date <= q.to)?.name;
}

/** The AFIS amount tables: published exactly where the paid-beneficiaries cell is (same suppression). */
export const AFIS_AMOUNT_TABLE_IDS = ['afis_amounts_paid_cents', 'afis_mean_amount_cents'] as const;

function afisAmountTables(
  ctx: Context,
  departements: readonly string[],
  beneficiaries: IndicatorTable,
): IndicatorTable[] {
  const columns = beneficiaries.columns;
  const sums = new Map<string, number>();
  for (const p of ctx.facts.payments ?? []) {
    const quarter = quarterOf(ctx, p.paidOn);
    if (!quarter) continue;
    for (const key of [`${p.departement}|${quarter}`, `national|${quarter}`])
      sums.set(key, (sums.get(key) ?? 0) + p.amountCents);
  }
  const line = (row: IndicatorRow, mean: boolean): IndicatorRow => ({
    departement: row.departement,
    values: columns.map((q, c) => {
      const count = row.values[c];
      if (count === null || count === undefined || count === 0) return count === 0 ? 0 : null;
      const sum = sums.get(`${row.departement}|${q}`) ?? 0;
      return mean ? Math.round(sum / count) : sum;
    }),
  });
  return [
    {
      id: 'afis_amounts_paid_cents',
      item: '8',
      title:
        'AFIS amounts paid in each quarter, in cents (D.121-12-18 3°; suppressed with the beneficiaries)',
      columns,
      rows: beneficiaries.rows.filter((r) => departements.includes(r.departement)).map((r) => line(r, false)),
      national: line(beneficiaries.national, false),
    },
    {
      id: 'afis_mean_amount_cents',
      item: '8',
      title: 'Mean AFIS amount paid per beneficiary in each quarter, in cents',
      columns,
      rows: beneficiaries.rows.filter((r) => departements.includes(r.departement)).map((r) => line(r, true)),
      national: line(beneficiaries.national, true),
    },
  ];
}

export const TABLE_IDS = [...TABLES.map((t) => t.id), ...AFIS_AMOUNT_TABLE_IDS];

/** Rates: numerator cell over the sum of denominator cells, all from protected tables. */
interface RateSpec {
  readonly id: string;
  readonly item: string;
  readonly title: string;
  readonly numerator: readonly [table: string, column: string];
  readonly denominator: readonly [table: string, columns: readonly string[]];
}

const COMPLETIONS = ['exits', ['completed_at_cap', 'completed_early']] as const;

export const RATES: readonly RateSpec[] = [
  {
    id: 'entry_refusal_rate',
    item: '3',
    title: 'Refusal rate of first requests',
    numerator: ['entry_decisions', 'refused'],
    denominator: ['entry_decisions', ['total']],
  },
  {
    id: 'renewal_refusal_rate',
    item: '3',
    title: 'Share of renewals not granted',
    numerator: ['renewal_decisions', 'not_granted'],
    denominator: ['renewal_decisions', ['total']],
  },
  ...(['training', 'job', 'housing', 'all_three'] as const).map((o) => ({
    id: `completion_share_with_${o}`,
    item: '5',
    title: `Share of completions with ${o.replace('_', ' ')}`,
    numerator: ['completion_outcomes', `with_${o}`] as const,
    denominator: COMPLETIONS,
  })),
  {
    id: 'aps_issue_rate',
    item: '7',
    title: 'Share of APS decisions that issued the APS',
    numerator: ['aps_decisions', 'issued'],
    denominator: ['aps_decisions', ['total']],
  },
];

interface LeadTimeSpec {
  readonly id: string;
  readonly title: string;
  /** [from, to] dates of one case; counted in the year of `to`. */
  readonly span: (c: CaseFact) => readonly [string | undefined, string | undefined];
}

const authorised = (c: CaseFact) => c.entryDecision === 'authorised' || c.entryDecision === 'court_ordered';

export const LEAD_TIMES: readonly LeadTimeSpec[] = [
  {
    id: 'request_to_opinion',
    title: 'First request → commission opinion',
    span: (c) => [c.requestFiledOn, c.entryOpinionOn],
  },
  {
    id: 'opinion_to_decision',
    title: "Commission opinion → préfet's decision",
    span: (c) => [c.entryOpinionOn, c.entryDecisionOn],
  },
  {
    id: 'decision_to_notification',
    title: "Préfet's decision → notification",
    span: (c) => [c.entryDecisionOn, c.entryNotifiedOn],
  },
  {
    id: 'request_to_notification',
    title: 'First request → notification',
    span: (c) => [c.requestFiledOn, c.entryNotifiedOn],
  },
  {
    id: 'authorisation_to_aps',
    title: 'PSP authorisation → APS issued (APS-10)',
    span: (c) => (authorised(c) ? [c.entryDecisionOn, c.apsIssuedOn] : [undefined, undefined]),
  },
];

/** Nearest-rank percentile of sorted values (p in (0, 1]). */
export function nearestRank(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

export function computeIndicators(facts: IndicatorFacts, query: IndicatorQuery): IndicatorReport {
  const k = checkMinCell(query.minCell);
  const from = `${query.year}-01-01`;
  const to = `${query.year}-12-31`;
  const ctx: Context = {
    facts,
    from,
    to,
    today: query.today,
    inYear: (d): d is string => d !== undefined && from <= d && d <= to,
  };
  const departements = [...new Set(facts.cases.map((c) => c.departement))].sort();
  const rowIndex = new Map(departements.map((d, i) => [d, i]));

  const built = TABLES.map((spec) => {
    const columns = spec.columns(ctx);
    const cells = departements.map(() => columns.map(() => 0));
    for (const [departement, column] of spec.units(ctx)) {
      const r = rowIndex.get(departement);
      const c = columns.indexOf(column);
      if (r !== undefined && c >= 0) cells[r][c]++;
    }
    const grid = extendGrid(cells, columns.length, spec.additive);
    const width = grid.values[0]?.length ?? 0;
    const keyOf = ([r, c]: Cell): string | undefined => {
      const name = grid.hasTotal && c === width - 1 ? 'total' : columns[c];
      const quantity = spec.links?.[name];
      return quantity === undefined ? undefined : `${quantity}|${departements[r] ?? 'national'}`;
    };
    return { spec, columns, grid, linked: { grid, keyOf } as LinkedGrid };
  });
  const masks = protectLinked(
    built.map((b) => b.linked),
    k,
  );

  const tables: IndicatorTable[] = built.map(({ spec, columns, grid }, i) => {
    const row = (r: number, departement: string): IndicatorRow => {
      const shown = grid.values[r].map((v, c) => (masks[i][r][c] ? null : v));
      return grid.hasTotal
        ? { departement, values: shown.slice(0, columns.length), total: shown[columns.length] }
        : { departement, values: shown };
    };
    return {
      id: spec.id,
      item: spec.item,
      title: spec.title,
      columns,
      rows: departements.map((d, r) => row(r, d)),
      national: row(departements.length, 'national'),
    };
  });

  tables.push(
    ...afisAmountTables(
      ctx,
      departements,
      tables.find((t) => t.id === 'afis_paid_beneficiaries')!,
    ),
  );

  const byId = new Map(tables.map((t) => [t.id, t]));
  const cellOf = (table: string, column: string, r: number): number | null | undefined => {
    const t = byId.get(table)!;
    const line = r < departements.length ? t.rows[r] : t.national;
    if (column === 'total') return line.total;
    const c = t.columns.indexOf(column);
    return c < 0 ? undefined : line.values[c];
  };
  const rates: IndicatorRate[] = RATES.map((spec) => {
    const rate = (r: number, departement: string): RateRow => {
      const num = cellOf(spec.numerator[0], spec.numerator[1], r);
      const parts = spec.denominator[1].map((col) => cellOf(spec.denominator[0], col, r));
      const ok = num !== null && num !== undefined && parts.every((p) => p !== null && p !== undefined);
      const den = ok ? parts.reduce<number>((a, b) => a + (b as number), 0) : 0;
      return {
        departement,
        value: ok && den >= k ? Math.round(((num as number) / den) * 1000) / 1000 : null,
      };
    };
    return {
      id: spec.id,
      item: spec.item,
      title: spec.title,
      rows: departements.map((d, r) => rate(r, d)),
      national: rate(departements.length, 'national'),
    };
  });

  const leadTimes: LeadTime[] = LEAD_TIMES.map((spec) => {
    const spans = new Map<string, number[]>();
    const all: number[] = [];
    for (const c of facts.cases) {
      const [a, b] = spec.span(c);
      if (a === undefined || !ctx.inYear(b)) continue;
      const days = daysBetween(a, b);
      const list = spans.get(c.departement);
      if (list) list.push(days);
      else spans.set(c.departement, [days]);
      all.push(days);
    }
    const stat = (departement: string, values: number[]): LeadTimeRow => {
      if (values.length < k) return { departement, medianDays: null, p90Days: null };
      const sorted = [...values].sort((x, y) => x - y);
      return { departement, medianDays: nearestRank(sorted, 0.5), p90Days: nearestRank(sorted, 0.9) };
    };
    return {
      id: spec.id,
      item: '6',
      title: spec.title,
      rows: departements.map((d) => stat(d, spans.get(d) ?? [])),
      national: stat('national', all),
    };
  });

  const started = [...firstStarts(ctx).values()].filter((s) => s.start <= to);
  return {
    year: query.year,
    minCell: k,
    departements,
    departementsWithPsp: {
      ever: new Set(started.map((s) => s.departement)).size,
      inProgressAtYearEnd: new Set(inProgressOn(ctx, to <= query.today ? to : query.today).map(([d]) => d))
        .size,
    },
    tables,
    rates,
    leadTimes,
  };
}

/** What an analyst may choose besides the year: which tables, which départements' rows (never new cells). */
export interface IndicatorSelection {
  readonly tables?: readonly string[];
  readonly departements?: readonly string[];
}

/**
 * Selects tables and rows of a report already protected as a whole: every figure returned is the
 * same cell whatever the selection, so two selections cannot be differenced to reveal a small group.
 * National rows are always kept.
 */
export function selectIndicators(report: IndicatorReport, selection: IndicatorSelection): IndicatorReport {
  const keepRow = (row: { departement: string }) =>
    selection.departements === undefined || selection.departements.includes(row.departement);
  const keepTable = (id: string) => selection.tables === undefined || selection.tables.includes(id);
  const rateTable = new Map(RATES.map((r) => [r.id, [r.numerator[0], r.denominator[0]]]));
  return {
    ...report,
    departements: report.departements.filter((d) => keepRow({ departement: d })),
    tables: report.tables.filter((t) => keepTable(t.id)).map((t) => ({ ...t, rows: t.rows.filter(keepRow) })),
    rates: report.rates
      .filter((r) => (rateTable.get(r.id) ?? []).some(keepTable))
      .map((r) => ({ ...r, rows: r.rows.filter(keepRow) })),
    leadTimes: report.leadTimes
      .filter(() => selection.tables === undefined || selection.tables.includes('lead_times'))
      .map((l) => ({ ...l, rows: l.rows.filter(keepRow) })),
  };
}

/** The table ids an analyst may ask for (`lead_times` selects the lead-time medians). */
export const SELECTABLE_TABLES: readonly string[] = [...TABLE_IDS, 'lead_times'];
