import { Actor } from '@psp/security';
import { CommissionCommandHandler } from '../src/registries/commission-command-handler';
import { commissionCommand } from '../src/registries/commission-commands';

/** The préfet of département 69, who constitutes its commission and appoints its members. */
export const PREFECTURE_69: Actor = { subject: 'pref-69', role: 'prefecture', departement: '69' };

/**
 * Test set-up shared by the specs of sittings: the commission of département 69 constituted on
 * 1 June 2023 (chaired by the préfet, member `chair`) with a judge and a doctor appointed the same
 * day, plus any further appointments a spec needs.
 */
export async function commission69(
  handler: CommissionCommandHandler,
  commandId: () => string,
  more: readonly Record<string, unknown>[] = [],
): Promise<void> {
  await handler.constitute(
    { constitutedOn: '2023-06-01', chairs: [{ memberId: 'chair', role: 'prefet' }] },
    { actor: PREFECTURE_69, commandId: commandId() },
  );
  await handler.execute(
    commissionCommand('appoint-members')!,
    'commission-69',
    {
      orderedOn: '2023-06-01',
      signatories: ['prefet'],
      appointments: [
        { memberId: 'judge', category: 'judge' },
        { memberId: 'doctor', category: 'doctor' },
        ...more,
      ],
    },
    { actor: PREFECTURE_69, commandId: commandId() },
  );
}
