import { ReadModelDatabase } from '../read-model/read-model-database';
import { allProjections } from '../views/all-projections';
import { Projector } from './projector';

/** Every row of every view, in a stable order (what an analyst or the API would read). */
export async function dumpViews(
  db: ReadModelDatabase,
  projector: Projector,
): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const projection of allProjections(undefined as never)) {
    const version = await projector.activeVersion(projection.name);
    for (const part of projection.parts ?? [undefined]) {
      const table = `rv_${projection.name}_v${version}${part ? `_${part}` : ''}`;
      const rows = await db.all<Record<string, unknown>>(`SELECT * FROM ${table}`);
      out[`${projection.name}${part ? `_${part}` : ''}`] = rows
        .map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)))
        .sort();
    }
  }
  return out;
}
