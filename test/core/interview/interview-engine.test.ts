import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadInterviewScript } from '../../../src/content/load-prompts.js';
import { validateValue } from '../../../src/core/interview/answer-parser.js';
import {
  answerCurrent,
  answeredQuestions,
  cancel,
  changeAnswer,
  currentQuestion,
  expire,
  goBack,
  isComplete,
  position,
  skipCurrent,
  startInterview,
  toProfile,
  type InterviewContext,
  type InterviewState,
} from '../../../src/core/interview/interview-engine.js';
import type { Question } from '../../../src/core/interview/question.js';
import type { Model } from '../../../src/core/models.js';
import { begin, play, type Transcript } from './transcript.js';

const script = loadInterviewScript();
const ctx: InterviewContext = { script };

/** api on AWS, stateless, steady: 12 questions (no peak ratio, no runs per day, no OS or hardware, no edge above 200 ms). */
const API_STEADY: Transcript = [
  ['api', 'cloud_provider'],
  ['aws', 'state_location'],
  ['stateless', 'traffic_shape'],
  ['steady', 'request_rate'],
  ['about 40 req/s', 'typical_duration'],
  ['200ms', 'latency_target'],
  ['300ms', 'peak_memory'],
  ['512mb', 'compliance_isolation'],
  ['no', 'language_runtime'],
  ['node', 'container_skills'],
  ['basic', 'portability'],
  ['no', 'done'],
];

describe('starting', () => {
  it('starts with the workload kind; the name comes from the command', () => {
    const state = begin('payments-webhooks');
    expect(state).toEqual({ name: 'payments-webhooks', answers: {}, reopened: null, reopenedBy: null, revisit: [], status: 'in_progress' });
    expect(currentQuestion(ctx, state)?.id).toBe('workload_kind');
    expect(script.questions.some((question) => question.field === 'name')).toBe(false);
  });

  it.each([
    ['', 'Give the workload a name'],
    ['   ', 'Give the workload a name'],
    ['x'.repeat(81), 'too long'],
  ])('rejects the name %j', (name, fragment) => {
    const started = startInterview(name);
    expect(started.kind).toBe('rejected');
    if (started.kind === 'rejected') expect(started.message).toContain(fragment);
  });

  it('tidies whitespace in the name', () => {
    const started = startInterview('  payments   webhooks ');
    expect(started.kind === 'started' && started.state.name).toBe('payments webhooks');
  });
});

describe('skip logic', () => {
  it('api with steady traffic: no peak ratio, no runs per day, no OS, hardware or edge questions', () => {
    const state = play(ctx, API_STEADY);
    const profile = toProfile(ctx, state);
    expect(profile).toEqual({
      ok: true,
      profile: {
        name: 'payments-webhooks',
        kind: 'api',
        state: 'stateless',
        traffic: 'steady',
        avgRequestsPerSecond: 40,
        durationSeconds: 0.2,
        latencyTargetMs: 300,
        memoryMb: 512,
        os: 'any_linux',
        hardware: [],
        isolation: 'standard',
        runtime: 'node',
        containerSkills: 'basic',
        portability: 'none',
        edge: false,
        cloud: 'aws',
        interruptible: false,
        existingCluster: false,
      },
      defaulted: ['os', 'hardware', 'edge', 'interruptible', 'existingCluster'],
    });
  });

  it('bursty traffic asks for the peak ratio; a tight latency target asks about the edge', () => {
    play(ctx, [
      ['1', 'cloud_provider'],
      ['aws', 'state_location'],
      ['stateless', 'traffic_shape'],
      ['bursty', 'peak_to_baseline'],
      ['100x', 'request_rate'],
      ['5k rps', 'typical_duration'],
      ['50ms', 'latency_target'],
      ['80ms', 'peak_memory'],
      ['128mb', 'compliance_isolation'],
      ['no', 'language_runtime'],
      ['rust', 'container_skills'],
      ['strong', 'existing_cluster'],
      ['no', 'portability'],
      ['multi-cloud', 'edge_placement'],
      ['yes', 'done'],
    ]);
  });

  it('jobs and events are asked runs per day, never a request rate or latency target', () => {
    play(ctx, [
      ['batch job', 'cloud_provider'],
      ['aws', 'state_location'],
      ['external store', 'traffic_shape'],
      ['scheduled', 'runs_per_day'],
      ['hourly', 'typical_duration'],
      ['15 min', 'interruptible_runs'],
      ['yes', 'peak_memory'],
      ['2 GB', 'os_needs'],
      ['any linux', 'compliance_isolation'],
      ['no', 'special_hardware'],
      ['none', 'language_runtime'],
      ['python', 'container_skills'],
      ['basic', 'portability'],
      ['no', 'done'],
    ]);
    play(ctx, [
      ['event processing', 'cloud_provider'],
      ['aws', 'state_location'],
      ['stateless', 'traffic_shape'],
      ['variable', 'peak_to_baseline'],
      ['skip', 'runs_per_day'],
      ['3 million a month', 'typical_duration'],
    ]);
  });

  it('strict isolation asks about hardware even for an api (HSMs)', () => {
    play(ctx, [
      ['api', 'cloud_provider'],
      ['aws', 'state_location'],
      ['stateless', 'traffic_shape'],
      ['steady', 'request_rate'],
      ['40', 'typical_duration'],
      ['100ms', 'latency_target'],
      ['none', 'peak_memory'],
      ['skip', 'compliance_isolation'],
      ['yes', 'special_hardware'],
      ['hsm', 'container_skills'],
    ]);
  });

  it('the runtime is not asked for steady traffic without a latency target', () => {
    play(ctx, [
      ['web app', 'cloud_provider'],
      ['aws', 'state_location'],
      ['stateless', 'traffic_shape'],
      ['steady', 'request_rate'],
      ['10', 'typical_duration'],
      ['1s', 'latency_target'],
      ['no target', 'peak_memory'],
      ['1gb', 'compliance_isolation'],
      ['no', 'container_skills'],
    ]);
  });
});

describe('bad answers change nothing and say what is expected', () => {
  it('re-asks with a friendly example for every kind of bad answer', () => {
    play(ctx, [
      ['', { rejected: 'Pick one of the options, like' }],
      ['12', { rejected: 'Pick one of the options' }],
      ['ml', { rejected: 'That could be "ML training" or "ML inference"' }],
      ['a spaceship', { rejected: "didn't recognise that option" }],
      [{ click: 'spaceship' }, { rejected: 'Pick one of the options' }],
      [{ click: 42 }, { rejected: 'Pick one of the options' }],
      ['api', 'cloud_provider'],
      ['aws', 'state_location'],
      [{ skip: true }, { rejected: "This one can't be skipped" }],
      ['skip', { rejected: "This one can't be skipped" }],
      [{ click: null }, { rejected: "This one can't be skipped" }],
      ['stateless', 'traffic_shape'],
      ['wobbly', { rejected: 'like "variable"' }],
      ['steady', 'request_rate'],
      ['lots', { rejected: 'I need a request rate, like "40 req/s"' }],
      ['-40 rps', { rejected: "can't be negative" }],
      ['40-50 rps', { rejected: 'one figure rather than a range' }],
      ['200 million per second', { rejected: 'more than the most I accept' }],
      [{ click: Number.NaN }, { rejected: 'I need a request rate' }],
      [{ click: -1 }, { rejected: "can't be negative" }],
      ['40', 'typical_duration'],
      ['fast', { rejected: 'I need a duration, like "90s", "15 min" or "2h".' }],
      ['0', { rejected: 'more than 0' }],
      ['1e400', { rejected: 'I need a duration' }],
      ['Infinity', { rejected: 'I need a duration' }],
      ['not sure', { rejected: "This one can't be skipped. I need a duration" }],
      ['200ms', 'latency_target'],
      ['whenever', { rejected: 'like "200ms", "0.5s" or "150"' }],
      ['300ms', 'peak_memory'],
      ['heaps', { rejected: 'like "512mb", "1.5 GB" or "2 GiB"' }],
      ['0 mb', { rejected: 'more than 0' }],
      ['512', 'compliance_isolation'],
      ['perhaps', { rejected: 'Pick one of the options' }],
      ['no', 'language_runtime'],
      ['brainfuck', { rejected: 'Pick one of the options' }],
      ['go', 'container_skills'],
      ['x'.repeat(501), { rejected: 'too long' }],
      ['basic', 'portability'],
      ['none', 'done'],
    ]);
  });

  it('rejects bad yes/no and multi-choice answers', () => {
    const atEdge = play(ctx, [
      ['api', 'cloud_provider'],
      ['aws', 'state_location'],
      ['stateless', 'traffic_shape'],
      ['steady', 'request_rate'],
      ['40', 'typical_duration'],
      ['10ms', 'latency_target'],
      ['50ms', 'peak_memory'],
      ['64mb', 'compliance_isolation'],
      ['yes', 'special_hardware'],
      ['quantum', { rejected: 'or say "none"' }],
      [{ click: ['gpu', 'tpu'] }, { rejected: "didn't recognise all of those" }],
      [{ click: 'gpu, hsm' }, 'language_runtime'],
      ['rust', 'container_skills'],
      ['none', 'portability'],
      ['no', 'edge_placement'],
      ['maybe', { rejected: 'Please answer yes or no.' }],
      [{ click: 'perhaps' }, { rejected: 'Please answer yes or no.' }],
      [{ click: 1 }, { rejected: 'Please answer yes or no.' }],
      [{ click: true }, 'done'],
    ]);
    const profile = toProfile(ctx, atEdge);
    expect(profile.ok && profile.profile.hardware).toEqual(['gpu', 'hsm']);
    expect(profile.ok && profile.profile.edge).toBe(true);
  });
});

describe('skipping', () => {
  it('optional questions can be skipped by command, button or words; the profile leaves them out', () => {
    const state = play(ctx, [
      ['api', 'cloud_provider'],
      ['aws', 'state_location'],
      ['stateless', 'traffic_shape'],
      ['bursty', 'peak_to_baseline'],
      [{ skip: true }, 'request_rate'],
      [{ click: null }, 'typical_duration'],
      ['1s', 'latency_target'],
      ['none', 'peak_memory'],
      ["don't know", 'compliance_isolation'],
      ['no', 'language_runtime'],
      ['-', 'container_skills'],
      ['basic', 'portability'],
      ['no', 'done'],
    ]);
    expect(state.answers.peak_to_baseline).toBeNull();
    const profile = toProfile(ctx, state);
    expect(profile.ok).toBe(true);
    if (profile.ok) {
      for (const field of ['peakToBaseline', 'avgRequestsPerSecond', 'latencyTargetMs', 'memoryMb', 'runtime'])
        expect(profile.profile).not.toHaveProperty(field);
    }
  });

  it('a skipped latency target means no edge question (not latency-sensitive)', () => {
    play(ctx, [
      ['api', 'cloud_provider'],
      ['aws', 'state_location'],
      ['stateless', 'traffic_shape'],
      ['steady', 'request_rate'],
      ['40', 'typical_duration'],
      ['1s', 'latency_target'],
      ['skip', 'peak_memory'],
      ['1gb', 'compliance_isolation'],
      ['no', 'container_skills'],
      ['basic', 'portability'],
      ['none', 'done'],
    ]);
  });
});

describe('going back and changing answers', () => {
  it('back re-opens the previous answered question; answering continues where the interview was', () => {
    let state = play(ctx, [
      ['api', 'cloud_provider'],
      ['aws', 'state_location'],
      ['stateless', 'traffic_shape'],
      ['steady', 'request_rate'],
      ['40', 'typical_duration'],
      [{ back: true }, 'request_rate'],
      [{ back: true }, 'traffic_shape'],
      [{ back: true }, 'state_location'],
      [{ back: true }, 'cloud_provider'],
      [{ back: true }, 'workload_kind'],
    ]);
    const atStart = goBack(ctx, state);
    expect(atStart.kind).toBe('rejected');
    expect(atStart.kind === 'rejected' && atStart.message).toContain('nothing to go back to');
    state = play(ctx, [['api', 'typical_duration']], state);
    expect(state.answers).toMatchObject({ workload_kind: 'api', state_location: 'stateless', traffic_shape: 'steady', request_rate: 40 });
  });

  it('back shows the current value of the re-opened question', () => {
    const state = play(ctx, API_STEADY.slice(0, 5));
    const back = goBack(ctx, state);
    expect(back.kind === 'reopened' && back.currentValue).toBe(40);
  });

  it('changing traffic from bursty to steady drops the peak ratio from the profile; back to bursty restores it', () => {
    let state = play(ctx, [
      ['api', 'cloud_provider'],
      ['aws', 'state_location'],
      ['stateless', 'traffic_shape'],
      ['bursty', 'peak_to_baseline'],
      ['50x', 'request_rate'],
      ['40', 'typical_duration'],
      ['200ms', 'latency_target'],
      ['skip', 'peak_memory'],
      ['1gb', 'compliance_isolation'],
      ['no', 'language_runtime'],
      ['python', 'container_skills'],
      ['basic', 'portability'],
      [{ change: 'traffic_shape' }, 'traffic_shape'],
      // with no latency target, steady traffic makes the runtime question inapplicable: nothing to ask again
      ['steady', 'portability'],
      ['no', 'done'],
    ]);
    let profile = toProfile(ctx, state);
    expect(profile.ok && profile.profile.traffic).toBe('steady');
    expect(profile.ok && 'peakToBaseline' in profile.profile).toBe(false);
    expect(answeredQuestions(ctx, state).map((entry) => entry.question.id)).not.toContain('peak_to_baseline');
    // Kept in storage: switching back to bursty offers both answers that read the traffic again, rather than losing them.
    expect(state.answers.peak_to_baseline).toBe(50);
    state = play(
      ctx,
      [
        [{ change: 'traffic_shape' }, 'traffic_shape'],
        ['bursty', 'peak_to_baseline'],
        ['50x', 'language_runtime'],
        ['python', 'done'],
      ],
      state,
    );
    profile = toProfile(ctx, state);
    expect(profile.ok && profile.profile.peakToBaseline).toBe(50);
  });

  it('changing steady to bursty asks the peak ratio next, then continues', () => {
    play(ctx, [
      ...API_STEADY.slice(0, 8),
      [{ change: 'traffic_shape' }, 'traffic_shape'],
      ['bursty', 'peak_to_baseline'],
      ['10x', 'compliance_isolation'],
    ]);
  });

  it('changing the kind from api to batch job swaps the volume questions and asks the new ones', () => {
    const state = play(ctx, [
      ...API_STEADY,
      [{ change: 'workload_kind' }, 'workload_kind'],
      ['batch job', 'runs_per_day'],
      ['daily', 'interruptible_runs'],
      ['no', 'os_needs'],
      ['any linux', 'special_hardware'],
      ['none', 'done'],
    ]);
    const profile = toProfile(ctx, state);
    expect(profile.ok).toBe(true);
    if (profile.ok) {
      expect(profile.profile).toMatchObject({ kind: 'batch_job', runsPerDay: 1 });
      // Steady traffic and no latency target: the runtime no longer matters, so it leaves the profile.
      expect(profile.profile).not.toHaveProperty('runtime');
      expect(profile.profile).not.toHaveProperty('avgRequestsPerSecond');
      expect(profile.profile).not.toHaveProperty('latencyTargetMs');
    }
  });

  it('a completed review can go back or change an answer, and completes again', () => {
    const done = play(ctx, API_STEADY);
    expect(isComplete(ctx, done)).toBe(true);
    play(
      ctx,
      [
        ['more', { closed: 'already complete' }],
        [{ back: true }, 'portability'],
        ['hybrid', 'done'],
        [{ change: 'peak_memory' }, 'peak_memory'],
        ['1gb', 'done'],
      ],
      done,
    );
  });

  it('refuses to change unknown, inapplicable or unanswered questions', () => {
    const state = play(ctx, API_STEADY.slice(0, 4));
    const cases: Array<[string, string]> = [
      ['no_such_question', "don't know that question"],
      ['peak_to_baseline', "doesn't apply"],
      ['runs_per_day', "doesn't apply"],
      ['typical_duration', "hasn't been answered"],
      ['portability', "hasn't been answered"],
    ];
    for (const [id, fragment] of cases) {
      const outcome = changeAnswer(ctx, state, id);
      expect(outcome.kind, id).toBe('rejected');
      expect('message' in outcome && outcome.message, id).toContain(fragment);
      expect(outcome.state).toBe(state);
    }
  });
});

describe('stale buttons and double clicks', () => {
  it('an answer for a question that is no longer current changes nothing', () => {
    play(ctx, [
      [{ click: 'api', on: 'workload_kind' }, 'cloud_provider'],
      ['aws', 'state_location'],
      [{ click: 'api', on: 'workload_kind' }, { stale: 'state_location' }],
      [{ click: 'stateless', on: 'state_location' }, 'traffic_shape'],
      [{ click: 'stateless', on: 'state_location' }, { stale: 'traffic_shape' }],
      [{ say: 'bursty', on: 'state_location' }, { stale: 'traffic_shape' }],
      [{ skip: true, on: 'state_location' }, { stale: 'traffic_shape' }],
      [{ say: 'bursty', on: 'traffic_shape' }, 'peak_to_baseline'],
      [{ back: true }, 'traffic_shape'],
      [{ click: '10x', on: 'peak_to_baseline' }, { stale: 'traffic_shape' }],
    ]);
  });
});

describe('cancel and expire', () => {
  it('a cancelled interview accepts nothing more', () => {
    play(ctx, [
      ['api', 'cloud_provider'],
      ['aws', 'state_location'],
      [{ cancel: true }, 'cancelled'],
      ['stateless', { closed: 'cancelled' }],
      [{ back: true }, { closed: 'cancelled' }],
      [{ change: 'workload_kind' }, { closed: 'cancelled' }],
      [{ skip: true }, { closed: 'cancelled' }],
      [{ cancel: true }, { closed: 'cancelled' }],
    ]);
  });

  it('expire marks a stalled interview and nothing else', () => {
    const state = begin();
    const expired = expire(state);
    expect(expired.kind).toBe('expired');
    expect(expired.state.status).toBe('expired');
    expect(currentQuestion(ctx, expired.state)).toBeNull();
    expect(answerCurrent(ctx, expired.state, 'api').kind).toBe('closed');
    const done = play(ctx, API_STEADY);
    expect(expire(done).kind).toBe('closed');
    expect(cancel(done).kind).toBe('closed');
  });
});

describe('profile and progress', () => {
  it('reports missing question ids until complete', () => {
    const state = play(ctx, API_STEADY.slice(0, 4));
    const profile = toProfile(ctx, state);
    expect(profile).toEqual({
      ok: false,
      missing: [
        'request_rate',
        'typical_duration',
        'latency_target',
        'peak_memory',
        'compliance_isolation',
        'container_skills',
        'portability',
      ],
      problems: [],
    });
    expect(isComplete(ctx, state)).toBe(false);
  });

  it('counts the questions that apply or may still apply: about N until nothing is undecided', () => {
    // Before the kind is known, every question whose askWhen reads it may be asked: an upper bound.
    const first = position(ctx, begin()).progress;
    expect(first).toMatchObject({ position: 1, exact: false });
    expect(first.total).toBeGreaterThan(12);
    // The kind settles which volume question and which optional ones apply: the estimate shrinks.
    const afterKind = position(ctx, play(ctx, API_STEADY.slice(0, 1))).progress;
    expect(afterKind.position).toBe(2);
    expect(afterKind.total).toBeLessThan(first.total);
    const last = position(ctx, play(ctx, API_STEADY.slice(0, 11))).progress;
    expect(last).toEqual({ position: 12, total: 12, exact: true });
  });

  it('never raises the total while answering forward, moves one question at a time, and never raises the position on the way back', () => {
    const answers = fc.array(fc.nat(50), { minLength: 1, maxLength: 25 });
    fc.assert(
      fc.property(answers, fc.nat(10), (picks, backs) => {
        let state = begin();
        let previous = position(ctx, state).progress;
        for (const pick of picks) {
          const question = currentQuestion(ctx, state);
          if (!question) break;
          const outcome = answerCurrent(ctx, state, someValidAnswer(question, pick));
          if (outcome.kind !== 'accepted' || !outcome.next) break;
          state = outcome.state;
          const now = position(ctx, state).progress;
          expect(now.position).toBe(previous.position + 1);
          expect(now.total).toBeLessThanOrEqual(previous.total);
          previous = now;
        }
        for (let i = 0; i < backs; i++) {
          const back = goBack(ctx, state);
          if (back.kind !== 'reopened') break;
          state = back.state;
          const now = position(ctx, state).progress;
          expect(now.position).toBeLessThan(previous.position);
          expect(now.total).toBe(previous.total);
          previous = now;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a re-opened question keeps the interview incomplete until answered', () => {
    const done = play(ctx, API_STEADY);
    const reopened = changeAnswer(ctx, done, 'traffic_shape');
    expect(reopened.kind).toBe('reopened');
    expect(isComplete(ctx, reopened.state)).toBe(false);
    expect(reopened.state.status).toBe('in_progress');
  });
});

/** A valid typed answer for any question of the script, picked by `pick`. */
function someValidAnswer(question: Question, pick: number): string {
  switch (question.type) {
    case 'single_choice':
    case 'multi_choice':
      return question.choices![pick % question.choices!.length]!.value;
    case 'yes_no':
      return pick % 2 === 0 ? 'yes' : 'no';
    case 'number':
      return String(Math.max(question.min ?? 1, 1) + (pick % 7));
    case 'text':
      return `answer ${pick}`;
  }
}

describe('revisits: an answer changed on the way back asks the later answers again', () => {
  const answered = play(ctx, API_STEADY.slice(0, 9)); // at language_runtime, nine answers given
  const backTo = (state: InterviewState, times: number): InterviewState => {
    let s = state;
    for (let i = 0; i < times; i++) {
      const back = goBack(ctx, s);
      if (back.kind !== 'reopened') throw new Error(back.message);
      s = back.state;
    }
    return s;
  };

  it('re-asks every later answered question, each offering its answer, when the answer changed; then continues where it was', () => {
    const atDuration = backTo(answered, 4); // typical_duration, with latency, memory, isolation answered after it
    expect(position(ctx, atDuration)).toMatchObject({ question: { id: 'typical_duration' }, current: 0.2 });
    const changed = answerCurrent(ctx, atDuration, '2s');
    if (changed.kind !== 'accepted') throw new Error(changed.kind);
    expect(changed.state.revisit).toEqual(['latency_target', 'peak_memory', 'compliance_isolation']);
    const at = position(ctx, changed.state);
    expect(at.question?.id).toBe('latency_target');
    expect(at.current).toBe(300);
    // Keeping (the same value) and changing both move on; the interview then resumes at the unanswered question.
    let state = changed.state;
    for (const [answer, next] of [
      ['300ms', 'peak_memory'],
      ['1 GB', 'compliance_isolation'],
      ['no', 'language_runtime'],
    ] as const) {
      const outcome = answerCurrent(ctx, state, answer);
      if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
      expect(outcome.next?.id).toBe(next);
      state = outcome.state;
    }
    expect(state.revisit).toEqual([]);
    expect(state.answers.peak_memory).toBe(1024);
  });

  it('re-asks nothing when the same answer is given again', () => {
    const atDuration = backTo(answered, 4);
    const same = answerCurrent(ctx, atDuration, '200 ms');
    expect(same.kind === 'accepted' && same.next?.id).toBe('language_runtime');
    expect(same.kind === 'accepted' && same.state.revisit).toEqual([]);
  });

  it('after a change from the card, re-asks only the later questions whose askWhen reads the changed answer', () => {
    const done = play(ctx, API_STEADY);
    const reopened = changeAnswer(ctx, done, 'traffic_shape');
    if (reopened.kind !== 'reopened') throw new Error(reopened.kind);
    const variable = answerCurrent(ctx, reopened.state, 'variable');
    if (variable.kind !== 'accepted') throw new Error(variable.kind);
    // peak_to_baseline now applies and is asked first; language_runtime's askWhen reads traffic, so it is asked again;
    // nothing else reads it.
    expect(variable.state.revisit).toEqual(['language_runtime']);
    expect(variable.next?.id).toBe('peak_to_baseline');
    const ratio = answerCurrent(ctx, variable.state, '10x');
    expect(ratio.kind === 'accepted' && ratio.next?.id).toBe('language_runtime');
    expect(ratio.kind === 'accepted' && position(ctx, ratio.state).current).toBe('node');
  });
});

describe('concerns: stop asking about models already ruled out', () => {
  const ALL_BUT_VM: ReadonlySet<Model> = new Set(['containers', 'serverless_containers', 'faas', 'wasm_edge']);
  const calls: Array<Record<string, unknown>> = [];
  const withRules: InterviewContext = {
    script,
    ruledOut: (partial) => {
      calls.push({ ...partial });
      return partial.os === 'custom_kernel' ? ALL_BUT_VM : new Set();
    },
  };

  it('a custom kernel leaves only VMs, so isolation, hardware, runtime, skills, portability and edge are not asked', () => {
    const state = play(withRules, [
      ['legacy', 'cloud_provider'],
      ['aws', 'state_location'],
      ['local disk', 'traffic_shape'],
      ['variable', 'peak_to_baseline'],
      ['3x', 'request_rate'],
      ['200 per minute', 'typical_duration'],
      ['2s', 'latency_target'],
      ['150ms', 'peak_memory'],
      ['8 GB', 'os_needs'],
      ['custom kernel', 'done'],
    ]);
    const profile = toProfile(withRules, state);
    expect(profile.ok && profile.profile).toMatchObject({
      os: 'custom_kernel',
      isolation: 'standard',
      hardware: [],
      containerSkills: 'basic',
    });
  });

  it('ruledOut sees only profile fields answered so far, keyed by field name', () => {
    calls.length = 0;
    play(withRules, [
      ['legacy', 'cloud_provider'],
      ['aws', 'state_location'],
      ['local disk', 'traffic_shape'],
      ['steady', 'request_rate'],
      ['10', 'typical_duration'],
      ['1s', 'latency_target'],
      ['skip', 'peak_memory'],
      ['1gb', 'os_needs'],
    ]);
    const last = calls[calls.length - 1];
    expect(last).toEqual({
      name: 'payments-webhooks',
      kind: 'legacy_app',
      cloud: 'aws',
      state: 'local_persistent',
      traffic: 'steady',
      avgRequestsPerSecond: 10,
      durationSeconds: 1,
      memoryMb: 1024,
    });
  });

  it('changing the answer that ruled models out brings their questions back', () => {
    const state = play(withRules, [
      ['legacy', 'cloud_provider'],
      ['aws', 'state_location'],
      ['stateless', 'traffic_shape'],
      ['steady', 'request_rate'],
      ['10', 'typical_duration'],
      ['1s', 'latency_target'],
      ['skip', 'peak_memory'],
      ['skip', 'os_needs'],
      ['custom kernel', 'done'],
      [{ change: 'os_needs' }, 'os_needs'],
      ['windows', 'compliance_isolation'],
    ]);
    expect(isComplete(withRules, state)).toBe(false);
  });
});

describe('robustness', () => {
  it('stored answers that are no longer valid are asked again, never used', () => {
    const state: InterviewState = {
      name: 'old-review',
      answers: {
        workload_kind: 'api',
        cloud_provider: 'aws',
        state_location: 'stateless',
        traffic_shape: 'hyper',
        request_rate: -5,
        typical_duration: null,
      },
      reopened: 'gone_question',
      status: 'in_progress',
    };
    expect(currentQuestion(ctx, state)?.id).toBe('traffic_shape');
    const next = answerCurrent(ctx, state, 'steady');
    expect(next.kind === 'accepted' && next.next?.id).toBe('request_rate');
    const profile = toProfile(ctx, state);
    expect(profile.ok).toBe(false);
  });

  it('operations never mutate the state they are given', () => {
    const state = play(ctx, API_STEADY.slice(0, 5));
    const snapshot = JSON.parse(JSON.stringify(state));
    answerCurrent(ctx, state, '300ms');
    answerCurrent(ctx, state, 'garbage');
    skipCurrent(ctx, state);
    goBack(ctx, state);
    changeAnswer(ctx, state, 'workload_kind');
    cancel(state);
    expect(state).toEqual(snapshot);
    expect(Object.isFrozen(state)).toBe(true);
    expect(Object.isFrozen(state.answers)).toBe(true);
  });

  it('random sessions never throw and never store an invalid answer', () => {
    const questionIds = script.questions.map((question) => question.id);
    const action = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.constantFrom(
          'api',
          'batch job',
          'bursty',
          'steady',
          '3',
          '40 rps',
          '15 min',
          '200ms',
          '1gb',
          'yes',
          'no',
          'none',
          'gpu',
          'skip',
          '10x',
          'hourly',
          'strong',
        ),
      },
      { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
      { weight: 1, arbitrary: fc.record({ value: fc.anything() }) },
      { weight: 1, arbitrary: fc.constant({ back: true } as const) },
      { weight: 1, arbitrary: fc.record({ change: fc.constantFrom(...questionIds) }) },
      { weight: 1, arbitrary: fc.record({ stale: fc.constantFrom(...questionIds), text: fc.constantFrom('api', 'yes', '5') }) },
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), (actions) => {
        let state = begin();
        for (const act of actions) {
          if (typeof act === 'string') state = answerCurrent(ctx, state, act).state;
          else if ('value' in act) state = answerCurrent(ctx, state, { value: act.value }).state;
          else if ('back' in act) state = goBack(ctx, state).state;
          else if ('change' in act) state = changeAnswer(ctx, state, act.change).state;
          else state = answerCurrent(ctx, state, act.text, act.stale).state;
          for (const [id, value] of Object.entries(state.answers)) {
            const question = script.questions.find((candidate) => candidate.id === id);
            expect(question, id).toBeDefined();
            if (!question) continue;
            if (value === null) expect(question.optional, id).toBe(true);
            else expect(validateValue(question, value), id).toEqual({ ok: true, value });
          }
          if (isComplete(ctx, state)) expect(toProfile(ctx, state).ok).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
