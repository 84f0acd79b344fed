import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/**
 * The PostgreSQL database of this test run (created by test/support/global-setup.js), with a
 * fresh schema for each caller, so suites and runs never share tables.
 */
export function postgresTestUrl(): string {
  const url = process.env.PSP_TEST_PG_URL;
  if (!url) {
    throw new Error(
      `PostgreSQL is needed for this suite and could not be reached: ${process.env.PSP_TEST_PG_UNAVAILABLE ?? 'PSP_TEST_PG_URL is not set'}`,
    );
  }
  return url;
}

export function freshSchemaUrl(label = 't'): { url: string; schema: string; drop: () => Promise<void> } {
  const schema = `${label}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const url = new URL(postgresTestUrl());
  url.searchParams.set('schema', schema);
  return {
    url: url.toString(),
    schema,
    drop: async () => {
      const client = new Client({ connectionString: postgresTestUrl() });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
