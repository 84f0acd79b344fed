/**
 * Preloaded into the API (`node -r`) by profile-warm-postgres.ts with COUNT_QUERIES=1: counts the
 * statements the process sends to PostgreSQL (node-postgres `Client#query`, by the first words of
 * their text) and writes the counts so far to $PSP_COUNT_QUERIES_FILE on SIGWINCH (NestJS's shutdown hooks take SIGUSR2).
 */
const { writeFileSync } = require('node:fs');
// The API's pg (from the repository root), not bench/'s own copy.
const pg = require(require.resolve('pg', { paths: [process.cwd()] }));

const counts = new Map();
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (config, ...rest) {
  const text = typeof config === 'string' ? config : (config && config.text) || '';
  const key = text.replace(/\s+/g, ' ').trim().slice(0, 90);
  counts.set(key, (counts.get(key) || 0) + 1);
  return query.call(this, config, ...rest);
};
process.on('SIGWINCH', () => {
  writeFileSync(process.env.PSP_COUNT_QUERIES_FILE, JSON.stringify(Object.fromEntries(counts)));
});
