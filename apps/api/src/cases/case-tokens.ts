export const CASE_COMMAND_HANDLER = Symbol('CASE_COMMAND_HANDLER');
export const REGISTRY_FACTS = Symbol('REGISTRY_FACTS');
export const PROJECTOR_NUDGE = Symbol('PROJECTOR_NUDGE');

/** Tells the projector that events were just written (so read views follow within milliseconds). */
export type ProjectorNudge = () => void;
