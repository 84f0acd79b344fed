/** Monotonic time in milliseconds (fractional), for intervals only. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
