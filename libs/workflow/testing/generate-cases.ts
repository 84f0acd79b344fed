import { EventStore, NewEvent } from '@psp/event-store';
import { PspCaseEvent, pspEvent } from '@psp/psp-case';
import {
  activeCase,
  apsDecision,
  commissionOpinion,
  completeChecklist,
  entryUnderDecision,
  foreignNationalCase,
  renewal,
  replayAccepted,
  resumption,
} from '../../../state-machines/psp-case/src/testing/fixtures';
import { chainEvents } from '../src/command/execute-command';
import { deterministicUuid } from '../src/command/deterministic-id';
import { caseAggregate, caseStreamId } from '../src/cases/case-stream';

/**
 * Generates realistic, valid PSP case streams and appends them through the store port, fast:
 * for load tests, benchmarks and projector rebuilds (never for production data). Each case
 * follows one of the lifecycles of the case machine's fixtures (refused, active, renewed,
 * completed at the 24-month cap, interrupted then resumed, APS, AFIS, not renewed, withdrawn,
 * or still in progress), shifted in time and spread over départements and associations. Every
 * lifecycle variant is replayed once through the real machine before use, so every event written
 * is one the machine accepts. Envelopes (actor, command id, `previousHash` chain) are built by
 * `chainEvents`, exactly as `executeCommand` writes them. No personal data: person references
 * are opaque UUIDs.
 */
export interface GenerateCasesOptions {
  readonly store: EventStore;
  /** How many events to write in all (the last case is cut short to land exactly on it). */
  readonly events: number;
  /** Same seed, same events (ids, dates, lifecycles). Default 1. */
  readonly seed?: number;
  /** Cases being written at the same time; their commands interleave in the log. Default 200. */
  readonly concurrency?: number;
  /** Called after each round of appends. */
  readonly onProgress?: (progress: GenerationProgress) => void;
  /** Only these départements (a demo département); default: twenty, Paris the most frequent. */
  readonly departements?: readonly string[];
}

export interface GenerationProgress {
  readonly events: number;
  readonly cases: number;
  readonly total: number;
}

export interface GenerationResult {
  readonly events: number;
  readonly cases: number;
  readonly elapsedMs: number;
}

const DEPARTEMENTS = [
  '75', '93', '13', '69', '59', '33', '31', '06', '67', '44',
  '34', '2A', '971', '974', '92', '94', '38', '76', '35', '57',
]; // prettier-ignore

const afisRequested = (requestedOn: string) =>
  pspEvent('AfisRequested', {
    requestedOn,
    nationalityCategory: 'french',
    residenceDocument: 'none',
    previousMonthHouseholdResourcesCents: 30000,
    rsaReceivedOrClaimable: false,
    adaReceivedOrClaimable: false,
    dependentChildren: 0,
  });

/** Lifecycles from the machine's fixtures and scenarios, with how often each occurs. */
const LIFECYCLES: readonly { name: string; weight: number; events: () => PspCaseEvent[] }[] = [
  { name: 'in_progress', weight: 12, events: () => activeCase() },
  {
    name: 'refused',
    weight: 6,
    events: () => [
      ...entryUnderDecision(),
      pspEvent('PrefectRefused', {
        decisionDate: '2024-03-01',
        notifiedOn: '2024-03-05',
        reasons: ['PSP-02'],
      }),
    ],
  },
  { name: 'active', weight: 14, events: () => activeCase() },
  { name: 'renewed', weight: 12, events: () => [...activeCase('2024-03-01'), ...renewal('2024-08-01')] },
  {
    name: 'withdrawn',
    weight: 5,
    events: () => [
      ...activeCase(),
      pspEvent('Withdrawn', { withdrawnOn: '2024-06-10', recordedBy: 'association', byPerson: true }),
    ],
  },
  {
    name: 'completed_at_cap',
    weight: 8,
    events: () => [
      ...activeCase(),
      ...renewal('2024-08-01'),
      ...renewal('2025-02-01'),
      ...renewal('2025-08-01'),
      pspEvent('CapReached', { reachedOn: '2026-03-01' }),
    ],
  },
  {
    name: 'interrupted_resumed',
    weight: 6,
    events: () => [
      ...activeCase('2024-03-01'),
      ...renewal('2024-08-01'),
      pspEvent('Interrupted', { interruptedOn: '2025-01-01', reason: 'loss_of_contact' }),
      ...resumption('2026-01-05'),
      ...renewal('2026-06-01'),
      ...renewal('2026-12-01'),
    ],
  },
  {
    name: 'aps_issued',
    weight: 14,
    events: () => [
      ...foreignNationalCase('2024-09-02'),
      pspEvent('ApsFiled', { filedOn: '2024-09-05', checklist: completeChecklist() }),
      apsDecision('2024-09-20', { validFrom: '2024-09-20', validTo: '2025-03-19' }),
    ],
  },
  {
    name: 'afis_paying',
    weight: 14,
    events: () => [
      ...activeCase('2024-09-02', '2024-09-04'),
      afisRequested('2024-09-10'),
      pspEvent('AfisInstructionStarted', { startedOn: '2024-09-12' }),
      pspEvent('AfisInstructionCompleted', { completedOn: '2024-09-30' }),
      commissionOpinion('afis', { recordedOn: '2024-10-08' }),
      pspEvent('AfisGranted', { decisionDate: '2024-10-15', ageOnDecisionDate: 22 }),
    ],
  },
  {
    name: 'not_renewed',
    weight: 9,
    events: () => [
      ...activeCase('2024-09-20', '2024-09-20'),
      afisRequested('2024-10-01'),
      pspEvent('AfisInstructionStarted', { startedOn: '2024-10-02' }),
      pspEvent('AfisInstructionCompleted', { completedOn: '2024-10-10' }),
      commissionOpinion('afis', { recordedOn: '2024-10-15' }),
      pspEvent('AfisGranted', { decisionDate: '2024-10-20', ageOnDecisionDate: 30 }),
      ...renewal('2025-02-20').slice(0, 3),
      pspEvent('NonRenewalProposed', { proposedOn: '2025-02-21', reasons: ['commitments not kept'] }),
      pspEvent('NonRenewalNotified', {
        decisionDate: '2025-03-10',
        notifiedOn: '2025-03-15',
        reasons: ['commitments not kept'],
      }),
    ],
  },
];

const TOTAL_WEIGHT = LIFECYCLES.reduce((sum, l) => sum + l.weight, 0);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** Shifts every calendar date in the event data by `days`. */
function shiftDates<T>(value: T, days: number): T {
  if (typeof value === 'string' && DATE.test(value)) {
    return new Date(Date.parse(`${value}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10) as T;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => shiftDates(v, days)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftDates(v, days)])) as T;
  }
  return value;
}

/** The first calendar date of an event's data: when the fact happened. */
function dateOf(event: PspCaseEvent): string {
  for (const v of Object.values(event.data as Record<string, unknown>)) {
    if (typeof v === 'string' && DATE.test(v)) return v;
  }
  throw new Error(`${event.type} has no date`);
}

const variants = new Map<string, readonly PspCaseEvent[]>();

/** A lifecycle shifted by `days`, replayed once through the machine; the unshifted one if refused. */
export function lifecycleVariant(index: number, days: number): readonly PspCaseEvent[] {
  const key = `${index}:${days}`;
  let events = variants.get(key);
  if (!events) {
    const base = LIFECYCLES[index].events();
    events = shiftDates(base, days);
    try {
      replayAccepted(events);
    } catch {
      events = days === 0 ? (replayAccepted(base), base) : lifecycleVariant(index, 0);
    }
    variants.set(key, events);
  }
  return events;
}

export const LIFECYCLE_NAMES = LIFECYCLES.map((l) => l.name);

/** mulberry32: a small seeded generator, so the same seed gives the same store. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROLE_OF: Record<string, string> = {
  CommissionOpinionRecorded: 'commission_secretariat',
  CommissionFollowUpRecorded: 'commission_secretariat',
  PrefectAuthorised: 'prefecture',
  PrefectRefused: 'prefecture',
  DecisionNotified: 'prefecture',
  RenewalGranted: 'prefecture',
  NonRenewalProposed: 'prefecture',
  NonRenewalNotified: 'prefecture',
  ResumptionAuthorised: 'prefecture',
  ApsNotApplicable: 'foreigners_department',
  ApsRequired: 'foreigners_department',
  ApsIssued: 'foreigners_department',
  ApsRefused: 'foreigners_department',
  AfisInstructionStarted: 'afis_payer',
  AfisInstructionCompleted: 'afis_payer',
  AfisGranted: 'afis_payer',
  AfisRefused: 'afis_payer',
};

interface CaseInProgress {
  readonly streamId: string;
  readonly events: readonly PspCaseEvent[];
  readonly departement: string;
  readonly associationId: string;
  readonly key: string;
  next: number;
  last?: NewEvent & { streamId: string; revision: number };
}

/** One case: a lifecycle (sometimes cut short: still in progress), where, by whom. */
function newCase(
  seed: number,
  n: number,
  rnd: () => number,
  departements: readonly string[] = DEPARTEMENTS,
): CaseInProgress {
  let pick = rnd() * TOTAL_WEIGHT;
  let index = 0;
  while (pick >= LIFECYCLES[index].weight) pick -= LIFECYCLES[index++].weight;
  const days = Math.floor(rnd() * 104) * 7;
  let events = lifecycleVariant(index, days);
  if (LIFECYCLES[index].name === 'in_progress') events = events.slice(0, 1 + Math.floor(rnd() * 6));
  const departement = departements[Math.floor(rnd() * rnd() * departements.length)];
  const associationId = `ASSOC-${departement}-${String(1 + Math.floor(rnd() * 4)).padStart(2, '0')}`;
  const key = `generated:${seed}:${n}`;
  const [opened, ...rest] = events;
  const personalised = {
    ...opened,
    data: { ...opened.data, departement, associationId, personRef: deterministicUuid(`person:${key}`) },
  } as PspCaseEvent;
  return {
    streamId: caseStreamId(deterministicUuid(`case:${key}`)),
    events: [personalised, ...rest],
    departement,
    associationId,
    key,
    next: 0,
  };
}

/** The next command of a case (1 to 3 events, each with its own command id), chained and enveloped. */
function nextChunk(c: CaseInProgress, size: number, hour: number): NewEvent[] {
  const chunk: NewEvent[] = [];
  for (const event of c.events.slice(c.next, c.next + size)) {
    const role = ROLE_OF[event.type] ?? 'association';
    const revision = c.next - 1;
    const commandId = deterministicUuid(`command:${c.key}:${c.next}`);
    const [written] = chainEvents(
      c.streamId,
      c.last,
      revision,
      [
        {
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: event.data,
          occurredAt: `${dateOf(event)}T${String(8 + hour).padStart(2, '0')}:${String(c.next % 60).padStart(2, '0')}:00.000Z`,
        },
      ],
      {
        commandId,
        actor: {
          id: role === 'association' ? `${c.associationId.toLowerCase()}-staff` : `${role}-${c.departement}`,
          role,
        },
      },
      caseAggregate,
    );
    c.last = { ...written, streamId: c.streamId, revision: c.next };
    c.next += 1;
    chunk.push(written);
  }
  return chunk;
}

/**
 * Appends `events` events of generated cases to the store: `concurrency` cases at a time, one
 * command (1-3 events) per case per round, so cases interleave in the global log as they do in
 * real life, and a store with group commit (SQLite) writes each round in one transaction.
 */
export async function generateCases(options: GenerateCasesOptions): Promise<GenerationResult> {
  const { store, events: total } = options;
  const seed = options.seed ?? 1;
  const concurrency = options.concurrency ?? 200;
  const rnd = random(seed);
  const started = Date.now();
  let planned = 0;
  let written = 0;
  let cases = 0;
  const active: CaseInProgress[] = [];
  const refill = () => {
    while (active.length < concurrency && planned < total) {
      const c = newCase(seed, cases, rnd, options.departements);
      const left = total - planned;
      const trimmed = c.events.length > left ? { ...c, events: c.events.slice(0, left) } : c;
      planned += trimmed.events.length;
      cases += 1;
      active.push(trimmed);
    }
  };
  refill();
  while (active.length > 0) {
    const round = active.map((c) => {
      const expectedRevision = c.next === 0 ? ('no_stream' as const) : c.next - 1;
      const chunk = nextChunk(c, 1 + Math.floor(rnd() * rnd() * 3), Math.floor(rnd() * 10));
      written += chunk.length;
      return store.append(c.streamId, chunk, { expectedRevision });
    });
    await Promise.all(round);
    for (let i = active.length - 1; i >= 0; i -= 1) {
      if (active[i].next >= active[i].events.length) active.splice(i, 1);
    }
    refill();
    options.onProgress?.({ events: written, cases, total });
  }
  return { events: written, cases, elapsedMs: Date.now() - started };
}
