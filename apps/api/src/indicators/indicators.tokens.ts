/** k, the smallest count published (INDICATORS_MIN_CELL, default 11, refused below 5). */
export const INDICATORS_MIN_CELL = Symbol('INDICATORS_MIN_CELL');
