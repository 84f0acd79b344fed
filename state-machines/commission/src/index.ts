/**
 * @psp/commission — the departmental commission (R.121-12-6 to R.121-12-8 CASF; CRPA R.133-1 to
 * R.133-15) as two pure XState v5 machines with their own streams (PD-3): `commission` for the
 * membership, `commission-session` for each sitting.
 */
export * from './parameters';
export * from './events';
export * from './rules';
export * from './membership';
export * from './session';
export * from './views';
export { CommissionReplayError, type Decision } from './shared/runner';
