/** 12345.6 → "12,346" */
export function formatRate(perSecond: number): string {
  return Math.round(perSecond).toLocaleString('en-US');
}

/** Milliseconds with 2 decimals (3 under 0.1 ms). */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  return ms < 0.1 ? ms.toFixed(3) : ms.toFixed(2);
}

/** A ratio as "0.83×". */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '–';
  return ratio >= 10 ? `${ratio.toFixed(1)}×` : `${ratio.toFixed(2)}×`;
}
