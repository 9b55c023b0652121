import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ContentError } from '../../src/errors.js';
import { defaultInterviewPath, loadInterviewScript, parseInterviewScript } from '../../src/content/load-prompts.js';
import { profileFieldInfo } from '../../src/core/interview/profile-fields.js';
import { PROFILE_FIELDS } from '../../src/core/profile.js';

/** A small valid script: the three required fields plus one conditional question. */
const MINIMAL = `
version: 1
questions:
  - id: workload_kind
    field: kind
    text: What kind of workload is it?
    help: e.g. "api"
    type: single_choice
    choices:
      - { value: api, label: API }
      - { value: batch_job, label: Batch job }
  - id: traffic_shape
    field: traffic
    text: Traffic?
    help: e.g. "bursty"
    type: single_choice
    choices:
      - { value: steady, label: Steady }
      - { value: bursty, label: Bursty }
  - id: peak_to_baseline
    field: peakToBaseline
    text: Peak?
    help: e.g. "10x"
    type: number
    unit: ratio
    optional: true
    askWhen: { traffic: { eq: bursty } }
  - id: typical_duration
    field: durationSeconds
    text: How long?
    help: e.g. "15 min"
    type: number
    unit: seconds
`;

function problemsOf(yamlText: string): string[] {
  try {
    parseInterviewScript(yamlText, 'prompts/test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    const contentError = error as ContentError;
    expect(contentError.code).toBe('content_invalid');
    expect(contentError.message).toBe(contentError.problems.join('\n'));
    return [...contentError.problems];
  }
  throw new Error('expected the script to be rejected');
}

describe('the shipped prompts', () => {
  const script = loadInterviewScript();

  it('load and pass every cross-check', () => {
    expect(script.questions.length).toBeGreaterThanOrEqual(12);
    expect(defaultInterviewPath()).toMatch(/prompts[\\/]interview\.yaml$/);
  });

  it("fill every profile field except the name and the lenses' custom answers, each once", () => {
    const fields = script.questions.map((question) => question.field);
    expect(new Set(fields).size).toBe(fields.length);
    expect(fields.sort()).toEqual(PROFILE_FIELDS.filter((field) => field !== 'name' && field !== 'custom').sort());
  });

  it('offer every value of every choice field, with a human label', () => {
    for (const question of script.questions) {
      const shape = profileFieldInfo(question.field)?.shape;
      if (shape?.kind === 'enum' || shape?.kind === 'enum_list') {
        expect(question.choices?.map((choice) => choice.value).sort(), question.id).toEqual([...shape.values].sort());
        for (const choice of question.choices ?? []) expect(choice.label, question.id).not.toBe(choice.value);
      }
    }
  });

  it('give every question a help line with an example', () => {
    for (const question of script.questions) expect(question.help, question.id).toMatch(/e\.g\.|".+"/);
  });

  it('ask the profile-optional fields as optional questions only', () => {
    for (const question of script.questions) {
      const info = profileFieldInfo(question.field);
      const profileOptional = info?.schema.safeParse(undefined).success && info.schema.safeParse(undefined).data === undefined;
      expect(question.optional ?? false, question.id).toBe(profileOptional);
    }
  });

  it('load from an explicit path too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prompts-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'interview.yaml');
    writeFileSync(file, MINIMAL);
    expect(loadInterviewScript(file).questions.map((question) => question.id)).toEqual([
      'workload_kind',
      'traffic_shape',
      'peak_to_baseline',
      'typical_duration',
    ]);
  });
});

describe('cross-checks', () => {
  it('accept the minimal variant', () => {
    expect(() => parseInterviewScript(MINIMAL, 'prompts/test.yaml')).not.toThrow();
  });

  it('catch a field that is not in the profile', () => {
    expect(problemsOf(MINIMAL.replace('field: peakToBaseline', 'field: peakRatio'))).toEqual([
      'prompts/test.yaml: question "peak_to_baseline" (field peakRatio): field "peakRatio" is not a workload profile field; allowed: kind, state, traffic, peakToBaseline, avgRequestsPerSecond, runsPerDay, durationSeconds, latencyTargetMs, memoryMb, os, hardware, isolation, runtime, containerSkills, portability, edge, cloud, interruptible, existingCluster',
    ]);
  });

  it('catch a choice value the profile does not allow', () => {
    expect(problemsOf(MINIMAL.replace('{ value: bursty, label: Bursty }', '{ value: spiky, label: Spiky }'))).toContain(
      'prompts/test.yaml: question "traffic_shape" (field traffic): choice value "spiky" is not allowed for traffic; allowed: steady, variable, bursty, sporadic, scheduled',
    );
  });

  it('catch skip logic that compares with a value the field never holds', () => {
    expect(problemsOf(MINIMAL.replace('{ traffic: { eq: bursty } }', '{ traffic: { in: [bursty, spiky] } }'))).toEqual([
      'prompts/test.yaml: question "peak_to_baseline" (field peakToBaseline): askWhen compares traffic with "spiky", which traffic never holds; allowed: steady, variable, bursty, sporadic, scheduled',
    ]);
  });

  it('catch an askWhen on a later question', () => {
    expect(problemsOf(MINIMAL.replace('{ traffic: { eq: bursty } }', '{ durationSeconds: { gt: 60 } }'))).toEqual([
      'prompts/test.yaml: question "peak_to_baseline" (field peakToBaseline): askWhen reads "durationSeconds", which no earlier question asks; allowed: fields asked by earlier questions (kind, traffic)',
    ]);
  });

  it('catch an askWhen on something that is not a profile field', () => {
    expect(problemsOf(MINIMAL.replace('{ traffic: { eq: bursty } }', '{ mood: { eq: happy } }'))[0]).toContain(
      'askWhen reads "mood", which is not an answered profile field',
    );
  });

  it('catch a missing required field', () => {
    const withoutDuration = MINIMAL.slice(0, MINIMAL.indexOf('  - id: typical_duration'));
    expect(problemsOf(withoutDuration)).toEqual([
      'prompts/test.yaml: required profile field durationSeconds is not filled by any question; add a question with field: durationSeconds',
    ]);
  });

  it('catch a required field behind skip logic or marked optional', () => {
    const problems = problemsOf(MINIMAL.replace('    unit: seconds\n', '    unit: seconds\n    optional: true\n'));
    expect(problems[0]).toContain(
      'question "typical_duration" (field durationSeconds): durationSeconds is required by the workload profile',
    );
  });

  it('catch a wrong unit, a wrong type and a field asked twice', () => {
    expect(problemsOf(MINIMAL.replace('unit: seconds', 'unit: milliseconds'))).toEqual([
      'prompts/test.yaml: question "typical_duration" (field durationSeconds): unit must be seconds for durationSeconds (the profile stores it in seconds), not milliseconds',
    ]);
    expect(
      problemsOf(
        MINIMAL.replace(
          'type: single_choice\n    choices:\n      - { value: steady',
          'type: multi_choice\n    choices:\n      - { value: steady',
        ),
      )[0],
    ).toContain('field traffic needs a single_choice question, not multi_choice');
    const twice = `${MINIMAL}  - id: typical_duration_again\n    field: durationSeconds\n    text: Again?\n    help: e.g. "1s"\n    type: number\n    unit: seconds\n`;
    expect(problemsOf(twice)).toEqual([
      'prompts/test.yaml: question "typical_duration_again" (field durationSeconds): field durationSeconds is already filled by question "typical_duration"; each field is asked once',
    ]);
  });

  it('catch a max of its own on a field the profile limits (one set of limits for profiles and answers)', () => {
    expect(problemsOf(MINIMAL.replace('    unit: seconds\n', '    unit: seconds\n    max: 2592000\n'))).toEqual([
      'prompts/test.yaml: question "typical_duration" (field durationSeconds): max is the profile\'s limit for durationSeconds (2678400); leave it out',
    ]);
  });

  it('refuse to ask the name', () => {
    const withName = MINIMAL.replace(
      'questions:\n',
      'questions:\n  - { id: workload_name, field: name, text: Name?, help: e.g. "x", type: text }\n',
    );
    expect(problemsOf(withName)[0]).toContain('field "name" comes from the command that starts the review');
  });

  it('report schema problems with the question id and field', () => {
    const problems = problemsOf(MINIMAL.replace('    unit: ratio\n', '').replace('id: workload_kind', 'id: Workload-Kind'));
    expect(problems).toContain(
      'prompts/test.yaml: question "Workload-Kind" (field kind): id must be snake_case (lowercase letters, digits and single underscores), e.g. "traffic_shape"',
    );
    expect(problems).toContain(
      'prompts/test.yaml: question "peak_to_baseline" (field peakToBaseline): unit is required for a number question (one of seconds, milliseconds, megabytes, requests_per_second, runs_per_day, ratio)',
    );
    expect(problemsOf(MINIMAL.replace('type: number\n    unit: seconds', 'type: numeric\n    unit: seconds'))).toEqual([
      'prompts/test.yaml: question "typical_duration" (field durationSeconds) type: type must be one of single_choice, multi_choice, number, yes_no, text',
    ]);
  });

  it('report YAML syntax errors and a missing file', () => {
    expect(problemsOf('version: 1\nquestions: [\n')[0]).toMatch(/^prompts\/test\.yaml: YAML syntax: /);
    expect(problemsOf('')[0]).toContain('prompts/test.yaml');
    expect(() => loadInterviewScript(join(tmpdir(), 'no-such-dir', 'interview.yaml'))).toThrow(
      /cannot read the interview script \(ENOENT\)/,
    );
  });
});
