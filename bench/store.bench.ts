/**
 * Event-store benchmark: our SQLite and PostgreSQL stores side by side with a raw better-sqlite3
 * loop and Emmett's stores, in one process run so the machine's noise cancels in the ratios.
 * Run on demand: `npm run bench:store` (never part of `npm test`), or as the `store` section of
 * `npm run bench`. See bench/README.md.
 */
import { parseOptions } from './store/options';
import { runStoreBenchmark } from './store/run-store';

runStoreBenchmark(parseOptions(process.argv.slice(2))).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
