import { EventStore } from '@psp/event-store';
import { ParameterExtension } from '@psp/psp-case';
import { Clock } from '../cases/case-command-handler';
import { executeCommand } from '../command/execute-command';

/** The stream where every change of the deployment's parameter table is recorded (PD-5). */
export const PARAMETERS_STREAM = 'psp-parameters';
export const PARAMETER_TABLE_CHANGED = 'ParameterTableChanged';

export interface ParameterTableChanged {
  /** `defaults`, or the SHA-256 of the configured extension. */
  readonly sha256: string;
  readonly file?: string;
  /** The values the configuration adds to the defaults (history: earlier values are never rewritten). */
  readonly series: ParameterExtension['series'];
}

/**
 * PD-5: records the table in use when it differs from the last one recorded, once (the command id
 * names the change and its place in the stream). With no configuration and no history, nothing is
 * written. Answers whether a change was recorded.
 */
export async function recordParameterTable(
  store: EventStore,
  table: { readonly sha256?: string; readonly file?: string; readonly extension?: ParameterExtension },
  clock: Clock = () => new Date(),
): Promise<boolean> {
  const events = await store.readStream(PARAMETERS_STREAM);
  const last = events[events.length - 1]?.data as ParameterTableChanged | undefined;
  const sha256 = table.sha256 ?? 'defaults';
  if ((last?.sha256 ?? 'defaults') === sha256) return false;
  await executeCommand(
    store,
    { machineVersion: 'psp-parameters@1', fold: (recorded) => recorded },
    PARAMETERS_STREAM,
    { commandId: `parameters:${sha256}:${events.length}`, actor: { id: 'system:start', role: 'system' } },
    () => ({
      accepted: true,
      events: [
        {
          type: PARAMETER_TABLE_CHANGED,
          schemaVersion: 1,
          data: {
            sha256,
            ...(table.file ? { file: table.file } : {}),
            series: table.extension?.series ?? {},
          } satisfies ParameterTableChanged,
          occurredAt: clock().toISOString(),
        },
      ],
    }),
    { mode: events.length === 0 ? 'create' : 'update' },
  );
  return true;
}
