import { createHash } from 'node:crypto';

/**
 * A UUID (version 5 layout) derived from a name: the same command id always gives the same event
 * ids and the same new stream id, so a retried command lands on what the first attempt wrote and
 * the store answers it as an idempotent retry.
 */
export function deterministicUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export function eventIdFor(commandId: string, index: number): string {
  return deterministicUuid(`event:${commandId}:${index}`);
}
