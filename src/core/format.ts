/** Small number formats shared by the cost, cold-start and what-would-change texts. */

const GROUPS = /\B(?=(\d{3})+(?!\d))/g;

/** A whole number with thousands separators ("12,345"), as en-US writes it; cards print dozens per recommendation. */
function whole(n: number): string {
  const digits = String(Math.round(n));
  if (digits.includes('e')) return Math.round(n).toLocaleString('en-US');
  return digits.length <= 3 ? digits : digits.replace(GROUPS, ',');
}

export function usd(amount: number): string {
  if (amount < 0.005) return '$0';
  if (amount < 10) return `$${amount.toFixed(2)}`;
  return `$${whole(amount)}`;
}

export function count(n: number): string {
  if (n >= 1e9) return `${trim(n / 1e9)}B`;
  if (n >= 1e6) return `${trim(n / 1e6)}M`;
  if (n >= 1e4) return `${trim(n / 1e3)}k`;
  return trim(n);
}

export function trim(n: number): string {
  if (n >= 100) return whole(n);
  if (n >= 10) return (Math.round(n * 10) / 10).toString();
  if (n >= 1) return (Math.round(n * 100) / 100).toString();
  return Number(n.toPrecision(2)).toString();
}

export function duration(seconds: number): string {
  if (seconds < 1) return `${trim(seconds * 1000)} ms`;
  if (seconds < 120) return `${trim(seconds)} s`;
  if (seconds < 7200) return `${trim(seconds / 60)} minutes`;
  if (seconds < 172800) return `${trim(seconds / 3600)} hours`;
  return `${trim(seconds / 86400)} days`;
}

export function megabytes(mb: number): string {
  return mb >= 1024 ? `${trim(mb / 1024)} GB` : `${trim(mb)} MB`;
}

/** A multiple: "3.2×". */
export function ratio(x: number): string {
  return `${trim(x)}×`;
}

/** "1 task", "2.5 tasks" */
export function plural(n: number, noun: string): string {
  return `${trim(n)} ${noun}${n === 1 ? '' : 's'}`;
}
