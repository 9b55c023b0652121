import type { NumberUnit } from './question.js';

/**
 * Reads a number with units the way people type it ("15 min", "5k rps", "3 million a month", "1.5 GB",
 * "every 5 minutes", "100:1") and converts it to the question's unit. Pure and total: any string gives a result.
 */
export type QuantityResult = { ok: true; value: number } | { ok: false; reason: 'unrecognised' | 'negative' | 'range' };

export const SECONDS_PER = {
  second: 1,
  minute: 60,
  hour: 3_600,
  day: 86_400,
  week: 604_800,
  /** 365 days / 12: the figure cost calculators use ("3 million a month"). */
  month: 2_628_000,
  year: 31_536_000,
} as const;

// Hedges and framing words that do not change the figure.
const FILLERS = [
  'approximately',
  'approx',
  'about',
  'around',
  'roughly',
  'circa',
  'ca',
  'maybe',
  'perhaps',
  'probably',
  'typically',
  'usually',
  'normally',
  'generally',
  'on average',
  'in total',
  'total',
  'average',
  'avg',
  'or so',
  'give or take',
  'ish',
  'at most',
  'at least',
  'up to',
  'less than',
  'more than',
  'under',
  'below',
  'over',
  'above',
  'max',
  'maximum',
  'tops',
  'some',
  'like',
  'just',
  'say',
  'estimated',
  'est',
  'peak',
  'worst case',
  'we get',
  'we have',
  'we see',
  'we need',
  'it takes',
  'it needs',
  'it uses',
  'takes',
  'needs',
  'uses',
  "it's",
  'its',
  'it is',
  'is',
  'of',
];
const FILLER_RE = new RegExp(
  `(?<![a-z0-9])(?:${[...FILLERS]
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join('|')})(?![a-z0-9])`,
  'g',
);

const WORD_NUMBERS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  ninety: 90,
  'a hundred': 100,
  hundred: 100,
  'a thousand': 1000,
  'a dozen': 12,
  dozen: 12,
  'a couple of': 2,
  'a couple': 2,
  'half an': 0.5,
  'half a': 0.5,
  half: 0.5,
  a: 1,
  an: 1,
  other: 2,
};
const WORD_NUMBER_RE = new RegExp(
  `^(?:${Object.keys(WORD_NUMBERS)
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join('|')})(?![a-z])`,
);
const DIGITS_RE = /^(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)/;

const SCALES: Array<[RegExp, number]> = [
  [/^(?:thousand|k)(?![a-z])/, 1e3],
  [/^hundred(?![a-z])/, 1e2],
  [/^(?:million|mil|mn|mm)(?![a-z])/, 1e6],
  [/^(?:billion|bn)(?![a-z])/, 1e9],
];
/** "m" after a count means million ("5m requests"); after a duration it means minutes, after memory megabytes. */
const M_MILLION: [RegExp, number] = [/^m(?![a-z])/, 1e6];

const DURATION_UNITS: Array<[RegExp, number]> = [
  [/^(?:milliseconds?|millisecs?|millis?|msecs?|ms)(?![a-zµ])/, 0.001],
  [/^(?:microseconds?|µs|us)(?![a-zµ])/, 0.000001],
  [/^(?:seconds?|secs?|s)(?![a-zµ])/, 1],
  [/^(?:minutes?|mins?|m)(?![a-zµ])/, 60],
  [/^(?:hours?|hrs?|h)(?![a-zµ])/, 3_600],
  [/^(?:days?|d)(?![a-zµ])/, 86_400],
  [/^(?:weeks?|wks?|w)(?![a-zµ])/, 604_800],
];

const PERIOD_UNITS: Array<[RegExp, number]> = [
  [/^(?:seconds?|secs?|s)(?![a-z])/, SECONDS_PER.second],
  [/^(?:minutes?|mins?|m)(?![a-z])/, SECONDS_PER.minute],
  [/^(?:hours?|hrs?|h)(?![a-z])/, SECONDS_PER.hour],
  [/^(?:days?|d)(?![a-z])/, SECONDS_PER.day],
  [/^(?:weeks?|wks?|w)(?![a-z])/, SECONDS_PER.week],
  [/^(?:months?|mos?|mths?)(?![a-z])/, SECONDS_PER.month],
  [/^(?:years?|yrs?|y)(?![a-z])/, SECONDS_PER.year],
];

const PERIOD_ADVERBS: Array<[RegExp, number]> = [
  [/^(?:hourly)(?![a-z])/, SECONDS_PER.hour],
  [/^(?:daily|nightly)(?![a-z])/, SECONDS_PER.day],
  [/^(?:weekly)(?![a-z])/, SECONDS_PER.week],
  [/^(?:monthly)(?![a-z])/, SECONDS_PER.month],
  [/^(?:yearly|annually)(?![a-z])/, SECONDS_PER.year],
];

const MEMORY_UNITS: Array<[RegExp, number]> = [
  [/^(?:bytes?|b)(?![a-z])/, 1 / 1_048_576],
  [/^(?:kilobytes?|kibibytes?|kib|kb|k)(?![a-z])/, 1 / 1024],
  [/^(?:megabytes?|mebibytes?|mib|mb|megs?|m)(?![a-z])/, 1],
  [/^(?:gigabytes?|gibibytes?|gib|gb|gigs?|g)(?![a-z])/, 1024],
  [/^(?:terabytes?|tebibytes?|tib|tb|t)(?![a-z])/, 1_048_576],
];

// Rate shorthands: requests per second/minute/hour/day.
const RATE_SHORTHANDS: Array<[RegExp, number]> = [
  [/^(?:rps|qps|tps|req\/s|reqs\/s)(?![a-z])/, SECONDS_PER.second],
  [/^(?:rpm|qpm)(?![a-z])/, SECONDS_PER.minute],
  [/^(?:rph)(?![a-z])/, SECONDS_PER.hour],
  [/^(?:rpd)(?![a-z])/, SECONDS_PER.day],
];
const COUNT_NOUN_RE =
  /^(?:requests?|reqs?|r|calls?|hits?|events?|messages?|msgs?|invocations?|queries|query|transactions?|txns?|jobs?|runs?|executions?|times|x|×|operations?|ops|visits?|page ?views?)(?![a-z])/;
const ONCE_RE: Array<[RegExp, number]> = [
  [/^once(?![a-z])/, 1],
  [/^twice(?![a-z])/, 2],
  [/^thrice(?![a-z])/, 3],
];

const TRAILERS: Record<'duration' | 'memory' | 'rate' | 'ratio', RegExp> = {
  duration: /^(?:per|a|an|each|for|to)?\s*(?:request|run|call|job|event|message|invocation|execution|one|complete|finish|respond|long)?$/,
  memory: /^(?:of\s+)?(?:ram|memory|mem)?\s*(?:per|each|for|a)?\s*(?:instance|pod|container|process|worker|node|vm)?$/,
  rate: /^(?:on\s+)?(?:average)?$/,
  ratio: /^(?:(?:the|than|at|over|to|vs|versus|normal|baseline|base|average|usual|quiet|idle|traffic|load|higher|more|times|peak)\s*)*$/,
};

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A small cursor over the cleaned text. */
class Cursor {
  constructor(
    private readonly text: string,
    public pos = 0,
  ) {}
  private rest(): string {
    return this.text.slice(this.pos).replace(/^\s+/, '');
  }
  private skipSpaces(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }
  /** Matches an anchored pattern after spaces; advances past it. */
  take(pattern: RegExp): RegExpExecArray | null {
    this.skipSpaces();
    const match = pattern.exec(this.text.slice(this.pos));
    if (match && match.index === 0 && match[0].length > 0) {
      this.pos += match[0].length;
      return match;
    }
    return null;
  }
  takeFrom(table: ReadonlyArray<readonly [RegExp, number]>): number | null {
    for (const [pattern, value] of table) if (this.take(pattern)) return value;
    return null;
  }
  remaining(): string {
    return this.rest().trim();
  }
  done(trailer?: RegExp): boolean {
    const rest = this.remaining();
    return rest === '' || trailer?.test(rest) === true;
  }
  mark(): number {
    return this.pos;
  }
  reset(mark: number): void {
    this.pos = mark;
  }
}

function clean(raw: string): string {
  let text = raw.normalize('NFKC').toLowerCase();
  text = text.replace(/[≈~]/g, ' ').replace(/[“”"`]/g, ' ');
  text = text.replace(/(?<![a-z])p\d{2}(?:\.\d+)?(?![a-z0-9])/g, ' ');
  text = text.replace(/(\d)\s*-?\s*ish(?![a-z])/g, '$1 ');
  text = text.replace(FILLER_RE, ' ');
  text = text.replace(/\s+/g, ' ').trim();
  text = text
    .replace(/[.!?;:,)]+$/, '')
    .replace(/^[(,;:]+/, '')
    .trim();
  return text;
}

function isNegative(text: string): boolean {
  return /(?:^|[\s(=])(?:-|−|–|minus\s)\s*\.?\d/.test(text);
}

function isRange(text: string): boolean {
  return /\d\s*[a-zµ]*\s*(?:-|–|—|to|or)\s*\.?\d/.test(text);
}

function takeNumber(cursor: Cursor): number | null {
  const digits = cursor.take(DIGITS_RE);
  if (digits) return Number(digits[0].replace(/,/g, ''));
  const word = cursor.take(WORD_NUMBER_RE);
  if (word) return WORD_NUMBERS[word[0]] ?? null;
  return null;
}

function takeScaled(cursor: Cursor, allowMillionM: boolean): number | null {
  const n = takeNumber(cursor);
  if (n === null) return null;
  let value = n;
  for (;;) {
    const scale = cursor.takeFrom(allowMillionM ? [...SCALES, M_MILLION] : SCALES);
    if (scale === null) break;
    value *= scale;
  }
  return value;
}

/** "15 min", "1h 30m", "1.5 hours", "half an hour": seconds; a bare number is returned as { bare }. */
function parseDuration(text: string): { seconds: number } | { bare: number } | null {
  const cursor = new Cursor(text);
  let total = 0;
  let pairs = 0;
  for (;;) {
    const start = cursor.mark();
    const n = takeNumber(cursor);
    if (n === null) {
      cursor.reset(start);
      break;
    }
    const unit = cursor.takeFrom(DURATION_UNITS);
    if (unit === null) {
      if (pairs === 0 && cursor.done()) return { bare: n };
      return null;
    }
    total += n * unit;
    pairs++;
    cursor.take(/^(?:and|,|\+)/);
  }
  if (pairs === 0 || !cursor.done(TRAILERS.duration)) return null;
  return { seconds: total };
}

function parseMemory(text: string): number | null {
  const cursor = new Cursor(text);
  const n = takeNumber(cursor);
  if (n === null) return null;
  const unit = cursor.takeFrom(MEMORY_UNITS) ?? 1;
  if (!cursor.done(TRAILERS.memory)) return null;
  return n * unit;
}

function parseRatio(text: string): number | null {
  const words: Record<string, number> = { double: 2, twice: 2, triple: 3, thrice: 3, quadruple: 4 };
  const compact = text.replace(/\s+/g, ' ').trim();
  const word = /^(double|twice|triple|thrice|quadruple)(?![a-z])/.exec(compact);
  if (word) return new Cursor(compact.slice(word[0].length)).done(TRAILERS.ratio) ? (words[word[1] ?? ''] ?? null) : null;

  const cursor = new Cursor(compact);
  const prefixed = cursor.take(/^[x×]/) !== null;
  const first = takeScaled(cursor, true);
  if (first === null) return null;
  if (!prefixed && cursor.take(/^(?::|to(?![a-z])|vs(?![a-z])|versus(?![a-z]))/)) {
    const second = takeScaled(cursor, true);
    if (second === null || second === 0 || !cursor.done(TRAILERS.ratio)) return null;
    return Math.max(first, second) / Math.min(first, second);
  }
  if (!prefixed) cursor.take(/^(?:x|×|times|-?fold)(?![a-z])/);
  return cursor.done(TRAILERS.ratio) ? first : null;
}

/** Period after a count: "per second", "/s", "a month", "every 5 minutes", "daily", "per 5 min". */
function takePeriod(cursor: Cursor): number | null {
  const start = cursor.mark();
  const adverb = cursor.takeFrom(PERIOD_ADVERBS);
  if (adverb !== null) return adverb;
  if (!cursor.take(/^(?:per(?![a-z])|\/|an?(?![a-z])|each(?![a-z])|every(?![a-z])|in an?(?![a-z])|in(?![a-z]))/)) {
    cursor.reset(start);
    return null;
  }
  const beforeCount = cursor.mark();
  let multiple = takeNumber(cursor);
  if (multiple === null) cursor.reset(beforeCount);
  const unit = cursor.takeFrom(PERIOD_UNITS);
  if (unit === null) {
    cursor.reset(start);
    return null;
  }
  multiple ??= 1;
  return multiple * unit;
}

/** A count per period: { count, periodSeconds }; a bare count has periodSeconds null. */
function parseRate(text: string): { count: number; periodSeconds: number | null } | null {
  const cursor = new Cursor(text);
  const whole = (count: number, periodSeconds: number | null) => (cursor.done(TRAILERS.rate) ? { count, periodSeconds } : null);

  const adverb = cursor.takeFrom(PERIOD_ADVERBS);
  if (adverb !== null) return whole(1, adverb);

  // "every 5 minutes", "every hour", "every other day"
  if (cursor.take(/^every(?![a-z])/)) {
    const countMark = cursor.mark();
    let multiple = takeNumber(cursor);
    if (multiple === null) cursor.reset(countMark);
    const unit = cursor.takeFrom(PERIOD_UNITS);
    if (unit === null) return null;
    multiple ??= 1;
    if (multiple <= 0) return null;
    return whole(1, multiple * unit);
  }

  // "once a day", "twice daily"
  const once = cursor.takeFrom(ONCE_RE);
  if (once !== null) {
    const period = takePeriod(cursor);
    return period === null ? null : whole(once, period);
  }

  const count = takeScaled(cursor, true);
  if (count === null) return null;
  const shorthand = cursor.takeFrom(RATE_SHORTHANDS);
  if (shorthand !== null) return whole(count, shorthand);
  cursor.take(COUNT_NOUN_RE);
  const period = takePeriod(cursor);
  return whole(count, period);
}

function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

export function parseQuantity(unit: NumberUnit, raw: string): QuantityResult {
  const text = clean(raw);
  if (text === '') return { ok: false, reason: 'unrecognised' };
  if (!(unit === 'ratio' && /\d\s*(?:to|:|vs|versus)\s*\d/.test(text))) {
    if (isRange(text)) return { ok: false, reason: 'range' };
  }
  if (isNegative(text)) return { ok: false, reason: 'negative' };

  let value: number | null = null;
  switch (unit) {
    case 'seconds':
    case 'milliseconds': {
      const parsed = parseDuration(text);
      if (parsed === null) break;
      if ('bare' in parsed) value = parsed.bare;
      else value = unit === 'seconds' ? parsed.seconds : parsed.seconds * 1000;
      break;
    }
    case 'megabytes':
      value = parseMemory(text);
      break;
    case 'ratio':
      value = parseRatio(text);
      break;
    case 'requests_per_second':
    case 'runs_per_day': {
      const rate = parseRate(text);
      if (rate === null) break;
      const base = unit === 'requests_per_second' ? SECONDS_PER.second : SECONDS_PER.day;
      value = rate.periodSeconds === null ? rate.count : (rate.count * base) / rate.periodSeconds;
      break;
    }
  }
  if (value === null || !Number.isFinite(value)) return { ok: false, reason: 'unrecognised' };
  if (value < 0) return { ok: false, reason: 'negative' };
  return { ok: true, value: tidy(value) };
}
