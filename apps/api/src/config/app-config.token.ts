/** Nest injection token of the `AppConfig` read once at start (`loadConfig` in `@psp/runtime`). */
export const APP_CONFIG = Symbol('APP_CONFIG');
