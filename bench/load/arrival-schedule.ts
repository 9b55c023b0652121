import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * When each load user acts, drawn from a seed before the turn starts (common random numbers): the two turns of a
 * pair, one per app, get the same schedules, so both apps face the same arrivals, coincidences included, and the
 * ratio between them measures the apps rather than which bursts a turn happened to draw.
 *
 * Open loop: a user's n-th answer is due at its start plus its first n think times, whenever the question came in
 * (think times are seconds, answer-to-next milliseconds), so one app's slower replies do not shift the other
 * arrivals. An answer whose question arrives after it was due goes as soon as the question is in.
 */
export interface UserSchedule {
  /** ms after the turn's origin when the user starts the interview */
  readonly startMs: number;
  /** The pause before the next answer, ms (each call draws the next one). */
  nextThinkMs(): number;
}

export type SchedulePlatform = 'slack' | 'teams';

/** The same schedules for the same arguments; a different (pair, platform) gets independent ones. */
export function userSchedules(
  seed: number,
  pair: number,
  platform: SchedulePlatform,
  count: number,
  rampMs: number,
  [thinkLow, thinkHigh]: readonly [number, number],
): UserSchedule[] {
  // Each (pair, platform) stream is seeded by its own draw from the run's generator: adjacent raw seeds start
  // xoroshiro in similar states.
  const run = xoroshiro128plus(seed);
  let streamSeed = 0;
  for (let draw = 0; draw <= pair * 2 + (platform === 'teams' ? 1 : 0); draw++) streamSeed = run.next();
  const stream = xoroshiro128plus(streamSeed);
  return Array.from({ length: count }, () => {
    stream.jump(); // one non-overlapping subsequence per user
    const rng = stream.clone();
    return { startMs: uniformFloat64(rng) * rampMs, nextThinkMs: () => thinkLow + uniformFloat64(rng) * (thinkHigh - thinkLow) };
  });
}
