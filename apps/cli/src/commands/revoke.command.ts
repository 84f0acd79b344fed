import { userInfo } from 'node:os';
import { TokenRevocations, loadConfig, openReadModel } from '@psp/runtime';
import { UsageError, stringOption } from '../arguments';

export const REVOKE_USAGE = `revoke (--token JTI | --subject SUB) --reason TEXT
    R7: refuses one token (by its jti) or every token of a subject issued up to now, from the next
    request on every API instance (the table lives in the read-model database, READ_MODEL_URL).`;

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;

export async function revokeCommand(options: Record<string, string | true>): Promise<void> {
  const tokenId = stringOption(options, 'token');
  const subject = stringOption(options, 'subject');
  const reason = stringOption(options, 'reason');
  if ((tokenId === undefined) === (subject === undefined))
    throw new UsageError('name exactly one of --token and --subject');
  const value = (tokenId ?? subject)!;
  if (!ID.test(value))
    throw new UsageError('--token / --subject: letters, digits and _ . : - only (at most 200)');
  if (!reason || reason.length < 3) throw new UsageError('--reason is required (at least 3 characters)');
  const db = await openReadModel(loadConfig());
  try {
    const revocations = new TokenRevocations(db);
    await revocations.ensureSchema();
    const now = new Date();
    const record = await revocations.revoke(
      tokenId !== undefined
        ? { kind: 'token', tokenId }
        : { kind: 'subject', subject: subject!, issuedUpTo: now },
      `cli:${userInfo().username}`,
      reason,
      now,
    );
    process.stdout.write(`${JSON.stringify(record)}\n`);
  } finally {
    await db.close();
  }
}
