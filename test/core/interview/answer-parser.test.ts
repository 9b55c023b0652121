import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadInterviewScript } from '../../../src/content/load-prompts.js';
import { answerHint, isSkipRequest, parseAnswer, validateValue } from '../../../src/core/interview/answer-parser.js';
import { profileFieldInfo } from '../../../src/core/interview/profile-fields.js';
import type { Question } from '../../../src/core/interview/question.js';

const script = loadInterviewScript();
function q(id: string): Question {
  const question = script.questions.find((candidate) => candidate.id === id);
  if (!question) throw new Error(`no question ${id} in the shipped script`);
  return question;
}

function accepts(id: string, raw: string): unknown {
  const result = parseAnswer(q(id), raw);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(raw)} to be accepted by ${id}: ${result.message}`);
  return result.value;
}

function rejects(id: string, raw: string): string {
  const result = parseAnswer(q(id), raw);
  if (result.ok) throw new Error(`expected ${JSON.stringify(raw)} to be rejected by ${id}, got ${JSON.stringify(result.value)}`);
  return result.message;
}

describe('durations (seconds)', () => {
  it.each([
    ['15 min', 900],
    ['2h', 7200],
    ['90s', 90],
    ['1.5 hours', 5400],
    ['200ms', 0.2],
    ['3 days', 259_200],
    ['90', 90],
    ['  about 15 minutes. ', 900],
    ['~2 hrs', 7200],
    ['roughly 45 sec', 45],
    ['approx 10 mins', 600],
    ['1h30m', 5400],
    ['1 hour and 30 minutes', 5400],
    ['half an hour', 1800],
    ['an hour', 3600],
    ['five minutes', 300],
    ['200ms per request', 0.2],
    ['p95 300ms', 0.3],
    ['15ish min', 900],
    ['1 week', 604_800],
  ])('%j -> %d s', (raw, seconds) => {
    expect(accepts('typical_duration', raw)).toBe(seconds);
  });

  it.each([
    ['fast', "couldn't read"],
    ['-5 min', "can't be negative"],
    ['10-20 min', 'one figure'],
    ['0', 'more than 0'],
    ['0s', 'more than 0'],
    ['32 days', 'most I accept'],
    ['1e9', "couldn't read"],
    ['a few minutes', "couldn't read"],
    ['15 min 20', "couldn't read"],
    ['NaN', "couldn't read"],
    ['Infinity', "couldn't read"],
    ['', 'I need a duration'],
  ])('%j is rejected (%s)', (raw, fragment) => {
    const message = rejects('typical_duration', raw);
    expect(message).toContain(fragment);
    expect(message).toContain('I need a duration, like "90s", "15 min" or "2h".');
  });
});

describe('latency targets (milliseconds)', () => {
  it.each([
    ['200ms', 200],
    ['0.2s', 200],
    ['200', 200],
    ['1s', 1000],
    ['1.5 seconds', 1500],
    ['p99 150ms', 150],
    ['under 100 ms', 100],
  ])('%j -> %d ms', (raw, ms) => {
    expect(accepts('latency_target', raw)).toBe(ms);
  });

  it('rejects zero and says it can be skipped', () => {
    const message = rejects('latency_target', '0ms');
    expect(message).toContain('more than 0');
    expect(message).toContain('"skip"');
  });
});

describe('request rates (requests per second)', () => {
  it.each([
    ['about 40 req/s', 40],
    ['5k rps', 5000],
    ['~40', 40],
    ['1,200 rps', 1200],
    ['3 million a month', 3_000_000 / 2_628_000],
    ['10k/day', 10_000 / 86_400],
    ['100 per minute', 100 / 60],
    ['20 per hour', 20 / 3600],
    ['40 requests per second', 40],
    ['2.5k qps', 2500],
    ['600 rpm', 10],
    ['5m requests a day', 5_000_000 / 86_400],
    ['1 billion a month', 1e9 / 2_628_000],
    ['0', 0],
    ['around 300 calls/min', 5],
    ['40/s', 40],
  ])('%j -> %d rps', (raw, rps) => {
    expect(accepts('request_rate', raw)).toBeCloseTo(rps, 6);
  });

  it.each([
    ['lots', "couldn't read"],
    ['-40 rps', "can't be negative"],
    ['40-50 rps', 'one figure'],
    ['15 min', "couldn't read"],
    ['40 rps per banana', "couldn't read"],
    ['200 million per second', 'most I accept'],
  ])('%j is rejected (%s)', (raw, fragment) => {
    const message = rejects('request_rate', raw);
    expect(message).toContain(fragment);
    expect(message).toContain('I need a request rate');
  });
});

describe('runs per day', () => {
  it.each([
    ['every 5 minutes', 288],
    ['hourly', 24],
    ['daily', 1],
    ['once a day', 1],
    ['3 times a day', 3],
    ['500/day', 500],
    ['10 per hour', 240],
    ['every minute', 1440],
    ['every 2 hours', 12],
    ['twice a day', 2],
    ['twice daily', 2],
    ['nightly', 1],
    ['3x a day', 3],
    ['3 times', 3],
    ['10k events a day', 10_000],
    ['weekly', 1 / 7],
    ['every other day', 0.5],
    ['500', 500],
    ['1 per second', 86_400],
  ])('%j -> %d runs a day', (raw, runs) => {
    expect(accepts('runs_per_day', raw)).toBeCloseTo(runs, 6);
  });

  it.each(['sometimes', 'every', '3 times a fortnight', '-3 a day'])('%j is rejected with an example', (raw) => {
    expect(rejects('runs_per_day', raw)).toContain('like "every 5 minutes", "hourly", "3 times a day" or "500/day"');
  });
});

describe('memory (megabytes)', () => {
  it.each([
    ['1.5 GB', 1536],
    ['1.5gb', 1536],
    ['512mb', 512],
    ['2 GiB', 2048],
    ['512', 512],
    ['1 TB', 1_048_576],
    ['4g', 4096],
    ['about 2 gigs', 2048],
    ['1.5 GB of RAM', 1536],
    ['256 MB per instance', 256],
    ['512m', 512],
  ])('%j -> %d MB', (raw, mb) => {
    expect(accepts('peak_memory', raw)).toBe(mb);
  });

  it.each([
    ['a lot', "couldn't read"],
    ['-1 GB', "can't be negative"],
    ['0', 'more than 0'],
    ['20 TB', 'most I accept here (16 TB)'],
    ['1,5 GB', "couldn't read"],
  ])('%j is rejected (%s)', (raw, fragment) => {
    const message = rejects('peak_memory', raw);
    expect(message).toContain(fragment);
    expect(message).toContain('like "512mb", "1.5 GB" or "2 GiB"');
  });
});

describe('ratios', () => {
  it.each([
    ['10x', 10],
    ['100:1', 100],
    ['10', 10],
    ['1:100', 100],
    ['10 times', 10],
    ['x50', 50],
    ['1000x baseline', 1000],
    ['double', 2],
    ['10-fold', 10],
    ['1x', 1],
  ])('%j -> %d', (raw, ratio) => {
    expect(accepts('peak_to_baseline', raw)).toBe(ratio);
  });

  it.each([
    ['0.5', 'smallest value'],
    ['spiky', "couldn't read"],
    ['100:0', "couldn't read"],
    ['-10x', "can't be negative"],
  ])('%j is rejected (%s)', (raw, fragment) => {
    const message = rejects('peak_to_baseline', raw);
    expect(message).toContain(fragment);
    expect(message).toContain('like "10x" or "100:1"');
  });
});

describe('yes/no', () => {
  it.each(['yes', 'y', 'Yeah', 'yep', 'sure', 'true', '1', 'YES!', ' yes. '])('%j -> true', (raw) => {
    expect(accepts('edge_placement', raw)).toBe(true);
  });
  it.each(['no', 'n', 'Nope', 'nah', 'false', '0', 'No.'])('%j -> false', (raw) => {
    expect(accepts('edge_placement', raw)).toBe(false);
  });
  it.each(['maybe', 'yes and no', '2', ''])('%j is rejected', (raw) => {
    expect(rejects('edge_placement', raw)).toContain('Please answer yes or no.');
  });
});

describe('single choice', () => {
  it.each([
    ['2', 'variable'],
    ['#3', 'bursty'],
    ['bursty', 'bursty'],
    ['Bursty', 'bursty'],
    ['  BURSTY!  ', 'bursty'],
    ['Bursty (quiet, then sudden spikes)', 'bursty'],
    ['"steady"', 'steady'],
    ['spiky', 'bursty'],
    ['sched', 'scheduled'],
  ])('traffic %j -> %s', (raw, value) => {
    expect(accepts('traffic_shape', raw)).toBe(value);
  });

  it.each([
    ['batch job', 'batch_job'],
    ['batch_job', 'batch_job'],
    ['Batch-Job', 'batch_job'],
    ['event', 'event_processing'],
    ['legacy', 'legacy_app'],
    ['11', 'other'],
  ])('kind %j -> %s', (raw, value) => {
    expect(accepts('workload_kind', raw)).toBe(value);
  });

  it.each([
    ['multi cloud', 'multi_cloud'],
    ['Multi-cloud', 'multi_cloud'],
    ['multi', 'multi_cloud'],
    ['no', 'none'],
    ['hybrid', 'hybrid'],
  ])('portability %j -> %s', (raw, value) => {
    expect(accepts('portability', raw)).toBe(value);
  });

  it.each([
    ['yes', 'strict'],
    ['no', 'standard'],
    ['PCI', 'strict'],
  ])('isolation %j -> %s', (raw, value) => {
    expect(accepts('compliance_isolation', raw)).toBe(value);
  });

  it.each([
    ['C#', 'dotnet'],
    ['.NET', 'dotnet'],
    ['golang', 'go'],
    ['TypeScript', 'node'],
    ['kotlin', 'java'],
  ])('runtime %j -> %s', (raw, value) => {
    expect(accepts('language_runtime', raw)).toBe(value);
  });

  it('rejects an unknown option with an example by name (chat shows no numbers)', () => {
    expect(rejects('traffic_shape', 'wobbly')).toBe(`Sorry, I didn't recognise that option. Pick one of the options, like "variable".`);
  });
  it('rejects a number outside the list', () => {
    expect(rejects('traffic_shape', '6')).toContain("didn't recognise that option");
    expect(rejects('traffic_shape', '0')).toContain("didn't recognise that option");
  });
  it('asks which one when a name is ambiguous', () => {
    expect(rejects('workload_kind', 'ml')).toContain('That could be "ML training" or "ML inference". Which one?');
  });
});

describe('multiple choice', () => {
  it.each([
    ['gpu, hsm', ['gpu', 'hsm']],
    ['hsm, gpu', ['gpu', 'hsm']],
    ['1, 3', ['gpu', 'hsm']],
    ['1 3', ['gpu', 'hsm']],
    ['GPU and HSM', ['gpu', 'hsm']],
    ['GPU & local NVMe', ['gpu', 'local_nvme']],
    ['local nvme gpu', ['gpu', 'local_nvme']],
    ['gpu, gpu', ['gpu']],
    ['Local NVMe disks', ['local_nvme']],
    ['none', []],
    ['nothing', []],
    ['no', []],
    ['None.', []],
  ])('%j -> %j', (raw, values) => {
    expect(accepts('special_hardware', raw)).toEqual(values);
  });

  it.each(['gpu, bananas', 'wat', '', '7'])('%j is rejected', (raw) => {
    expect(rejects('special_hardware', raw)).toContain('or say "none"');
  });
});

describe('profile limits', () => {
  it('an answer stops at the profile limit (one set of limits for profiles and answers), with a friendly message', () => {
    expect(q('typical_duration').max).toBeUndefined();
    expect(parseAnswer(q('typical_duration'), '31 days')).toEqual({ ok: true, value: 2_678_400 });
    expect(rejects('typical_duration', '40 days')).toContain('more than the most I accept here (31 days)');
    expect(parseAnswer(q('request_rate'), '100 million per second')).toEqual({ ok: true, value: 100_000_000 });
    expect(rejects('request_rate', '101 million per second')).toContain('more than the most I accept here');
  });
});

describe('ready-made values (buttons)', () => {
  it('accepts exact choice values and rejects others', () => {
    expect(validateValue(q('traffic_shape'), 'bursty')).toEqual({ ok: true, value: 'bursty' });
    expect(validateValue(q('traffic_shape'), 'hyper').ok).toBe(false);
    expect(validateValue(q('traffic_shape'), 3).ok).toBe(false);
    expect(validateValue(q('special_hardware'), ['hsm', 'gpu'])).toEqual({ ok: true, value: ['gpu', 'hsm'] });
    expect(validateValue(q('special_hardware'), ['gpu', 'tpu']).ok).toBe(false);
    expect(validateValue(q('special_hardware'), []).ok).toBe(true);
    expect(validateValue(q('edge_placement'), true)).toEqual({ ok: true, value: true });
    expect(validateValue(q('edge_placement'), 'true')).toEqual({ ok: true, value: true });
    expect(validateValue(q('edge_placement'), 1).ok).toBe(false);
  });

  it('checks numbers against the question and the profile limits', () => {
    expect(validateValue(q('typical_duration'), 90)).toEqual({ ok: true, value: 90 });
    expect(validateValue(q('typical_duration'), 0).ok).toBe(false);
    expect(validateValue(q('typical_duration'), -1).ok).toBe(false);
    expect(validateValue(q('typical_duration'), Number.NaN).ok).toBe(false);
    expect(validateValue(q('typical_duration'), Number.POSITIVE_INFINITY).ok).toBe(false);
    expect(validateValue(q('typical_duration'), 10_000_000).ok).toBe(false);
    expect(validateValue(q('peak_to_baseline'), 0.5).ok).toBe(false);
    expect(validateValue(q('typical_duration'), '15 min')).toEqual({ ok: true, value: 900 });
    expect(validateValue(q('typical_duration'), { seconds: 5 }).ok).toBe(false);
  });
});

describe('skip requests', () => {
  it.each([
    ['latency_target', 'skip', true],
    ['latency_target', 'none', true],
    ['latency_target', 'no target', true],
    ['latency_target', "don't know", true],
    ['latency_target', '200ms', false],
    ['typical_duration', 'not sure', true],
    ['special_hardware', 'none', false],
    ['container_skills', 'none', false],
    ['edge_placement', 'no', false],
    ['edge_placement', '-', true],
  ])('%s %j -> %s', (id, raw, wantsSkip) => {
    expect(isSkipRequest(q(id), raw)).toBe(wantsSkip);
  });
});

describe('answer hints', () => {
  it('names the unit and gives examples', () => {
    expect(answerHint(q('typical_duration'))).toBe('I need a duration, like "90s", "15 min" or "2h".');
    expect(answerHint(q('peak_memory'))).toContain('You can also say "skip".');
  });
});

describe('properties', () => {
  const everyQuestion = fc.constantFrom(...script.questions);
  const typed = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.stringMatching(/^[~ ]{0,2}-?[0-9.,]{1,8} ?(k|m|million|ms|s|min|h|gb|mb|x|rps|\/day|per minute|a month|:1)?$/),
    fc.constantFrom('none', 'skip', 'NaN', 'Infinity', '-0', '1e309', '9'.repeat(400), '0x10', '٣', '１５ min', '__proto__', 'constructor'),
  );

  it('never throws, and every accepted value passes the profile field schema', () => {
    fc.assert(
      fc.property(everyQuestion, typed, (question, raw) => {
        const result = parseAnswer(question, raw);
        if (result.ok) {
          const info = profileFieldInfo(question.field);
          expect(info?.schema.safeParse(result.value).success).toBe(true);
          if (typeof result.value === 'number') {
            expect(Number.isFinite(result.value)).toBe(true);
            if (question.min !== undefined) expect(result.value).toBeGreaterThanOrEqual(question.min);
            if (question.max !== undefined) expect(result.value).toBeLessThanOrEqual(question.max);
          }
        } else {
          expect(result.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('ready-made values of any shape never throw and never pass an invalid value', () => {
    fc.assert(
      fc.property(everyQuestion, fc.anything(), (question, value) => {
        const result = validateValue(question, value);
        if (result.ok) expect(profileFieldInfo(question.field)?.schema.safeParse(result.value).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back any whole number of seconds with any unit spelling', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.constantFrom(['s', 1], [' sec', 1], ['min', 60], [' minutes', 60], ['h', 3600], [' hours', 3600]),
        (n, [unit, factor]) => {
          expect(parseAnswer(q('typical_duration'), `${n}${unit}`)).toEqual({ ok: true, value: n * (factor as number) });
        },
      ),
    );
  });
});
