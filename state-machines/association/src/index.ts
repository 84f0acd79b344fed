/**
 * @psp/association — the agrément of an approved association (association agréée), R.121-12-1
 * to R.121-12-5 CASF, as a pure XState v5 machine with its own event stream (PD-3).
 */
export * from './parameters';
export * from './events';
export * from './rules';
export * from './machine';
export * from './views';
