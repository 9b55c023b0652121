/**
 * A ratio as the benches print it, "1.36x". Next to a target it gets a third decimal when two would read as the
 * target itself, so "FAIL: ratio 1.50x <= 1.5x" prints as "1.503x" instead of contradicting itself.
 */
export function ratioText(value: number, target?: number): string {
  const twoDecimals = value.toFixed(2);
  const onTheLine = target !== undefined && twoDecimals === target.toFixed(2) && value !== target;
  return `${onTheLine ? value.toFixed(3) : twoDecimals}x`;
}
