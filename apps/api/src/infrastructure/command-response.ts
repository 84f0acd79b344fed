import type { FastifyReply } from 'fastify';
import { CommandOutcome } from '@psp/workflow';
import { etag } from './command-headers';
import { Metrics } from './metrics';

/**
 * The answer to an accepted command, the same for every resource: the new revision (also as
 * ETag), the events written, whether this was a replay, and the warnings. `ids` names the record
 * (`{ associationId }`, `{ sessionId }`).
 */
export function commandAnswer(
  reply: FastifyReply,
  outcome: CommandOutcome,
  ids: Readonly<Record<string, string>>,
  written: () => void = () => undefined,
) {
  reply.header('ETag', etag(outcome.revision));
  if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
  else written();
  return {
    ...ids,
    revision: outcome.revision,
    events: outcome.events.map((e) => ({ type: e.type, revision: e.revision })),
    replayed: outcome.replayed,
    warnings: outcome.warnings,
  };
}

/** Runs a command and counts its outcome (accepted, replayed, refused, stale, not_found, forbidden, invalid, error). */
export async function countedCommand<T extends CommandOutcome>(
  metrics: Metrics,
  command: string,
  run: () => Promise<T>,
): Promise<T> {
  try {
    const outcome = await run();
    metrics.commands.inc({ command, outcome: outcome.replayed ? 'replayed' : 'accepted' });
    return outcome;
  } catch (error) {
    metrics.commands.inc({ command, outcome: commandOutcomeOf(error) });
    throw error;
  }
}

export function commandOutcomeOf(error: unknown): string {
  const code = (error as { code?: string })?.code;
  switch (code) {
    case 'COMMAND_REFUSED':
      return 'refused';
    case 'STALE_REVISION':
      return 'stale';
    case 'NOT_FOUND':
      return 'not_found';
    case 'FORBIDDEN':
      return 'forbidden';
    default:
      return (error as { status?: number })?.status === 400 ? 'invalid' : 'error';
  }
}
