/** The sections `npm run bench` can run, in the order it runs them. */
export const SECTIONS = ['store', 'case-load', 'http', 'rebuild', 'growth'] as const;
export type Section = (typeof SECTIONS)[number];

/** Options of `npm run bench` (every one optional); `--quick` shrinks every size for a smoke run. */
export interface BenchOptions {
  readonly sections: readonly Section[];
  readonly quick: boolean;
  readonly postgres: boolean;
  readonly postgresAdminUrl: string;
  /** Case load: loads per contender, rounds, cases of `streamLength` events. */
  readonly loads: number;
  readonly rounds: number;
  readonly cases: number;
  readonly streamLength: number;
  /** HTTP: fixed request rates (req/s), seconds per run, cases the commands spread over. */
  readonly rates: readonly number[];
  readonly seconds: number;
  readonly connections: number;
  /** HTTP: case lengths (a set of rows each), commands per case in a row, distinct users' tokens. */
  readonly caseLengths: readonly number[];
  /** HTTP: the case lengths with fixed-rate and cold rows too (the others get the max row only). */
  readonly rateCaseLengths: readonly number[];
  readonly commandsPerCase: number;
  readonly tokens: number;
  /** HTTP: start the API with --cpu-prof and print where its time went. */
  readonly profileApi: boolean;
  /** Projection rebuild: events in the store the views are rebuilt from. */
  readonly rebuildEvents: number;
  /** Growth: the small and the large store sizes (events). */
  readonly growthSmall: number;
  readonly growthLarge: number;
}

const FULL: Omit<BenchOptions, 'sections' | 'quick' | 'postgres' | 'postgresAdminUrl' | 'profileApi'> = {
  loads: 3_000,
  rounds: 3,
  cases: 20,
  streamLength: 50,
  rates: [500, 1_000, 1_500],
  seconds: 10,
  connections: 10,
  caseLengths: [10, 50, 100],
  rateCaseLengths: [50],
  commandsPerCase: 4,
  tokens: 20,
  rebuildEvents: 1_000_000,
  growthSmall: 10_000,
  growthLarge: 10_000_000,
};

const QUICK: typeof FULL = {
  loads: 300,
  rounds: 3,
  cases: 5,
  streamLength: 50,
  rates: [500, 1_500],
  seconds: 3,
  connections: 10,
  caseLengths: [10, 50, 100],
  rateCaseLengths: [50],
  commandsPerCase: 4,
  tokens: 20,
  rebuildEvents: 20_000,
  growthSmall: 10_000,
  growthLarge: 100_000,
};

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const options: Record<string, unknown> = {
    ...(quick ? QUICK : FULL),
    sections: [...SECTIONS],
    quick,
    postgres: true,
    postgresAdminUrl: process.env.PSP_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    profileApi: false,
  };
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unknown argument ${arg}`);
    const key = match[1].replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const value = match[2];
    if (key === 'quick') continue;
    else if (key === 'skipPostgres') options.postgres = false;
    else if (key === 'profileApi') options.profileApi = true;
    else if (key === 'only' && value) options.sections = sectionList(value);
    else if (key === 'rates' && value) options.rates = value.split(',').map(Number);
    else if (key === 'caseLengths' && value) options.caseLengths = value.split(',').map(Number);
    else if (key === 'rateCaseLengths' && value) options.rateCaseLengths = value.split(',').map(Number);
    else if (key === 'postgresAdminUrl' && value) options.postgresAdminUrl = value;
    else if (key in FULL && typeof FULL[key as keyof typeof FULL] === 'number' && value)
      options[key] = Number(value.replace(/_/g, ''));
    else throw new Error(`unknown argument ${arg}`);
  }
  return options as unknown as BenchOptions;
}

function sectionList(value: string): Section[] {
  const names = value.split(',');
  for (const name of names) {
    if (!(SECTIONS as readonly string[]).includes(name)) {
      throw new Error(`unknown section ${name} (sections: ${SECTIONS.join(', ')})`);
    }
  }
  return SECTIONS.filter((s) => names.includes(s));
}
