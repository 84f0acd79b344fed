/** Sizes of the store benchmark; each can be changed on the command line (`--appends=6000`). */
export interface StoreBenchOptions {
  /** Durable single appends per contender, split over the rounds. */
  readonly appends: number;
  readonly rounds: number;
  /** Unmeasured appends per contender before the first round (JIT, schema creation, first file growth). */
  readonly warmup: number;
  readonly writerCounts: readonly number[];
  /** Events per concurrent-writers configuration (split evenly between the writers). */
  readonly writerEvents: number;
  /** Length of the stream the read benchmark reads, and how many reads per contender. */
  readonly streamLength: number;
  readonly reads: number;
  readonly postgres: boolean;
  readonly postgresAdminUrl: string;
}

const DEFAULTS: StoreBenchOptions = {
  appends: 3_000,
  rounds: 3,
  warmup: 50,
  writerCounts: [1, 4, 16, 64],
  writerEvents: 3_072,
  streamLength: 50,
  reads: 1_000,
  postgres: true,
  postgresAdminUrl: process.env.PSP_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
};

export function parseOptions(argv: readonly string[]): StoreBenchOptions {
  const options: Record<string, unknown> = { ...DEFAULTS };
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unknown argument ${arg}`);
    const key = match[1].replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const value = match[2];
    if (key === 'skipPostgres') options.postgres = false;
    else if (key === 'writerCounts' && value) options.writerCounts = value.split(',').map(Number);
    else if (key === 'postgresAdminUrl' && value) options.postgresAdminUrl = value;
    else if (key in DEFAULTS && typeof DEFAULTS[key as keyof StoreBenchOptions] === 'number' && value)
      options[key] = Number(value);
    else throw new Error(`unknown argument ${arg}`);
  }
  return options as unknown as StoreBenchOptions;
}
