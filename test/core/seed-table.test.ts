import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recommend } from '../../src/core/recommend.js';
import { content, exampleFiles, loadExample, markOf, REPO_ROOT, type TableMark } from './decision-helpers.js';

/**
 * The decision framework table of CIOPages, "Compute Models Explained: VMs, Containers, and Serverless" (2025) is
 * the ground truth the rules must reproduce for the VM, containers and serverless (faas) columns. Each row has an
 * example profile in examples/.
 */

interface RowExpectation {
  file: string;
  vm: TableMark;
  containers: TableMark;
  faas: TableMark;
}

/** Written out by hand so a reader sees the table; the second describe block re-derives it from the seed text. */
const TABLE: Record<string, RowExpectation> = {
  'Stateless API / microservice': { file: 'stateless-api.yaml', vm: '⚠️', containers: '✅', faas: '✅' },
  'Stateful database': { file: 'stateful-database.yaml', vm: '✅', containers: '⚠️', faas: '❌' },
  'Event-driven processing': { file: 'event-processing.json', vm: '❌', containers: '⚠️', faas: '✅' },
  'Legacy OS-dependent app': { file: 'legacy-os-app.yaml', vm: '✅', containers: '❌', faas: '❌' },
  'ML training': { file: 'ml-training.yaml', vm: '✅', containers: '✅', faas: '⚠️' },
  'Batch job (< 15 min)': { file: 'short-batch-job.yaml', vm: '⚠️', containers: '✅', faas: '✅' },
  'Long-running batch job': { file: 'long-batch-job.yaml', vm: '✅', containers: '✅', faas: '❌' },
  'High-traffic consistent API': { file: 'high-traffic-steady-api.json', vm: '✅', containers: '✅', faas: '⚠️' },
  'Bursty traffic (0–1000x)': { file: 'bursty-api.yaml', vm: '❌', containers: '✅', faas: '✅' },
  'Developer tooling / CI/CD': { file: 'ci-tooling.yaml', vm: '⚠️', containers: '✅', faas: '✅' },
};

describe('decision framework table, hand-written expectations', () => {
  it.each(Object.entries(TABLE))('%s', (_row, expected) => {
    const rec = recommend(content, loadExample(expected.file));
    expect({ vm: markOf(rec.verdicts.vm), containers: markOf(rec.verdicts.containers), faas: markOf(rec.verdicts.faas) }).toEqual({
      vm: expected.vm,
      containers: expected.containers,
      faas: expected.faas,
    });
  });

  it('every table row has an example file', () => {
    const files = exampleFiles();
    for (const { file } of Object.values(TABLE)) expect(files).toContain(file);
  });
});

// ---- the same expectations, read from the seed text itself ---------------------------------------------

/** The table section of the article, copied verbatim (test/core/fixtures/README.md says where from). */
const FIXTURE_PATH = join(REPO_ROOT, 'test', 'core', 'fixtures', 'seed-003-decision-framework.txt');

/** The lines from "The Decision Framework" up to (not including) "Cold Start Mitigation". */
function tableSection(seedText: string): string[] {
  const lines = seedText.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === 'The Decision Framework');
  const end = lines.findIndex((l, i) => i > start && l.startsWith('Cold Start Mitigation'));
  if (start < 0 || end < 0) throw new Error('decision framework section not found in the seed');
  return lines
    .slice(start + 1, end)
    .map((l) => l.trim())
    .filter(Boolean);
}

interface SeedRow {
  characteristic: string;
  vm: TableMark;
  containers: TableMark;
  faas: TableMark;
}

/** "Stateless API / microservice ⚠️ Works but … ✅ Optimal ✅ Good (…)" → the row label and its three marks. */
function parseTable(lines: string[]): SeedRow[] {
  const [header, ...rows] = lines;
  expect(header).toBe('Workload Characteristic VMs Containers Serverless');
  return rows.map((line) => {
    const parts = line.split(/(✅|⚠\uFE0F?|❌)/u);
    const characteristic = (parts[0] ?? '').trim();
    const marks = parts.filter((_, i) => i % 2 === 1).map((m) => (m.startsWith('⚠') ? '⚠️' : m) as TableMark);
    if (marks.length !== 3) throw new Error(`expected three marks in seed row: ${line}`);
    const [vm, containers, faas] = marks as [TableMark, TableMark, TableMark];
    return { characteristic, vm, containers, faas };
  });
}

const seedLines = tableSection(readFileSync(FIXTURE_PATH, 'utf8'));
const seedRows = parseTable(seedLines);

describe('decision framework table, parsed from the article text', () => {
  it('has the ten rows of the article', () => {
    expect(seedRows).toHaveLength(10);
    expect(seedRows.map((r) => r.characteristic)).toEqual(Object.keys(TABLE));
  });

  it('agrees with the hand-written expectations above', () => {
    for (const row of seedRows) {
      const { vm, containers, faas } = TABLE[row.characteristic]!;
      expect({ vm, containers, faas }, row.characteristic).toEqual({ vm: row.vm, containers: row.containers, faas: row.faas });
    }
  });

  it.each(seedRows.map((row) => [row.characteristic, row] as const))('%s', (characteristic, row) => {
    const file = TABLE[characteristic]?.file;
    expect(file, `no example file mapped to seed row "${characteristic}"`).toBeDefined();
    const rec = recommend(content, loadExample(file!));
    const got = { vm: markOf(rec.verdicts.vm), containers: markOf(rec.verdicts.containers), faas: markOf(rec.verdicts.faas) };
    expect(got, `${file} against seed row "${characteristic}"`).toEqual({ vm: row.vm, containers: row.containers, faas: row.faas });
  });
});

describe('every example profile', () => {
  it.each(exampleFiles())('%s validates and is recommended a model with a usable verdict', (file) => {
    const rec = recommend(content, loadExample(file));
    expect(rec.verdicts[rec.recommended]).not.toBe('unsuitable');
  });

  it.each(exampleFiles().filter((f) => /\.ya?ml$/.test(f)))('%s opens with a comment saying what it models', (file) => {
    const first = readFileSync(join(REPO_ROOT, 'examples', file), 'utf8').split('\n')[0] ?? '';
    expect(first).toMatch(/^# \S.{20,}/);
  });

  it('the extra examples get the model their situation calls for', () => {
    expect(recommend(content, loadExample('edge-personalisation.yaml')).recommended).toBe('wasm_edge');
    expect(recommend(content, loadExample('windows-dotnet-app.yaml')).recommended).toBe('vm');
    // Strict isolation: a shared kernel may not satisfy the auditor; Fargate's microVMs and VMs can.
    const pci = recommend(content, loadExample('pci-payments-api.yaml'));
    expect(pci.verdicts.containers).toBe('caution');
    expect(['vm', 'serverless_containers']).toContain(pci.recommended);
    // A GPU job: no function platform and no Fargate has GPUs, so both are ruled out with no figure.
    const gpu = recommend(content, loadExample('gpu-training.yaml'));
    expect(gpu.verdicts.faas).toBe('unsuitable');
    expect(gpu.verdicts.serverless_containers).toBe('unsuitable');
    expect(gpu.costEstimates.find((e) => e.model === 'serverless_containers')).toMatchObject({
      monthlyUsd: null,
      notRunnable: expect.stringContaining('no GPUs'),
    });
  });
});
