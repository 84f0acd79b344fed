/** The injectable clock: recorded-at times and "today" for the deadline scheduler; tests move it. */
export const CLOCK = Symbol('CLOCK');
