import { MAX_NAME_LENGTH } from './profile.js';

// eslint-disable-next-line no-control-regex
const ANSI_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g;
// C0/C1 controls and bidi overrides/isolates ("trojan source").
// eslint-disable-next-line no-control-regex
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A workload name as stored: one line, no terminal escapes or bidi overrides, at most MAX_NAME_LENGTH characters
 * (the profile's limit, so a stored name always makes a valid profile). '' when nothing usable is left.
 */
export function normalizeWorkloadName(raw: string): string {
  const flat = raw.replace(ANSI_SEQUENCE, '').replace(CONTROL_OR_BIDI, ' ').replace(/\s+/g, ' ').trim();
  if (flat.length <= MAX_NAME_LENGTH) return flat;
  const cut = flat.slice(0, MAX_NAME_LENGTH - 1);
  // Never leave half a surrogate pair.
  const safe = /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
  return `${safe.trimEnd()}…`;
}
