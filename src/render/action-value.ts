/**
 * The `value` a Slack button or select option carries: short JSON, `{"r":"<reviewId>", ...}`.
 * Short keys because option values are capped at 150 characters.
 */
export interface SlackActionValue {
  /** Review id. */
  r: string;
  /** Question id (answers, skip, back, change an answer). */
  q?: string;
  /** Model id (record the decision). */
  m?: string;
  /** Answer value: a choice value; `[]` for "None of these". */
  v?: string | string[];
  /** The recommendation a card shows (record the decision): a click on a superseded card is refused. */
  n?: number;
}

export function encodeActionValue(value: SlackActionValue): string {
  // fixed key order keeps values stable across renders
  const ordered: SlackActionValue = { r: value.r };
  if (value.q !== undefined) ordered.q = value.q;
  if (value.m !== undefined) ordered.m = value.m;
  if (value.v !== undefined) ordered.v = value.v;
  if (value.n !== undefined) ordered.n = value.n;
  return JSON.stringify(ordered);
}

/** Parses a value back; null when it is not one of ours (old messages, tampered payloads). */
export function decodeActionValue(raw: string | undefined | null): SlackActionValue | null {
  if (typeof raw !== 'string' || raw.length === 0) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const o = parsed as Record<string, unknown>;
  if (typeof o.r !== 'string' || o.r.length === 0) return null;
  const out: SlackActionValue = { r: o.r };
  if (o.q !== undefined) {
    if (typeof o.q !== 'string') return null;
    out.q = o.q;
  }
  if (o.m !== undefined) {
    if (typeof o.m !== 'string') return null;
    out.m = o.m;
  }
  if (o.v !== undefined) {
    if (typeof o.v === 'string') out.v = o.v;
    else if (Array.isArray(o.v) && o.v.every((x) => typeof x === 'string')) out.v = o.v as string[];
    else return null;
  }
  if (o.n !== undefined) {
    if (typeof o.n !== 'number' || !Number.isSafeInteger(o.n) || o.n < 1) return null;
    out.n = o.n;
  }
  return out;
}
