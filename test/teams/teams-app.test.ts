/** The Teams app package: manifest against the 1.22 schema, icon sizes, and `npm run teams:package`'s zip. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../render/helpers/adaptive-card-validate.js';
import { decodePng, manifestErrors } from './helpers/teams-manifest-validate.js';

const appDir = path.join(repoRoot, 'teams-app');
/** The manifest as JSON; the tests read deep into it and the schema test checks its shape. */
// biome-ignore lint/suspicious/noExplicitAny: parsed JSON, validated against the manifest schema in its own test
type Manifest = Record<string, any>;
const manifest = JSON.parse(readFileSync(path.join(appDir, 'manifest.json'), 'utf8')) as Manifest;
const tmp = mkdtempSync(path.join(tmpdir(), 'ca-teams-pkg-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('teams-app/manifest.json', () => {
  it('is valid against the Teams manifest 1.22 schema', () => {
    expect(manifest.manifestVersion).toBe('1.22');
    expect(manifestErrors(manifest)).toEqual([]);
  });

  it('the schema check catches mistakes (it is not vacuous)', () => {
    expect(manifestErrors({ ...manifest, id: 'not-a-guid' }).join('\n')).toMatch(/\/id must match pattern/);
    expect(manifestErrors({ ...manifest, accentColor: undefined }).join('\n')).toMatch(/accentColor/);
    expect(manifestErrors({ ...manifest, bots: [{ ...manifest.bots[0], scopes: ['everywhere'] }] })).not.toEqual([]);
  });

  it('declares one bot in personal, team and groupChat scope with the command list', () => {
    const bot = manifest.bots[0];
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    const commands = bot.commandLists.flatMap((l: { commands: Array<{ title: string }> }) => l.commands.map((c) => c.title));
    expect(commands).toEqual(['compute-advice', 'help', 'list', 'cancel']);
    expect(manifest.validDomains.length).toBeGreaterThan(0);
  });

  it('has a 192x192 colour icon and a 32x32 white-on-transparent outline icon', () => {
    const color = decodePng(readFileSync(path.join(appDir, manifest.icons.color)));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(readFileSync(path.join(appDir, manifest.icons.outline)));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(outline.pixels).toBeDefined();
    const px = outline.pixels!;
    let opaque = 0;
    for (let i = 0; i < px.length; i += 4) {
      const [r, g, b, a] = [px[i]!, px[i + 1]!, px[i + 2]!, px[i + 3]!];
      if (a === 0) continue;
      opaque += 1;
      expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(opaque).toBeGreaterThan(50);
    expect(opaque).toBeLessThan(32 * 32 * 0.6); // mostly transparent
  });
});

/** The files in a zip, read through its central directory, each CRC-checked. */
function unzip(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBeGreaterThan(0);
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(offset)).toBe(0x02014b50);
    const method = buf.readUInt16LE(offset + 10);
    const crc = buf.readUInt32LE(offset + 16);
    const compressedSize = buf.readUInt32LE(offset + 20);
    const size = buf.readUInt32LE(offset + 24);
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    const localOffset = buf.readUInt32LE(offset + 42);
    const name = buf.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    expect(buf.readUInt32LE(localOffset)).toBe(0x04034b50);
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    const stored = buf.subarray(dataStart, dataStart + compressedSize);
    const data = method === 8 ? inflateRawSync(stored) : Buffer.from(stored);
    expect(data.length).toBe(size);
    expect(crc32(data), `${name} CRC`).toBe(crc);
    files.set(name, data);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

describe('npm run teams:package (scripts/teams-package.mjs)', () => {
  const script = path.join(repoRoot, 'scripts/teams-package.mjs');
  const run = (env: Record<string, string>, out: string) =>
    spawnSync(process.execPath, [script, '--out', out], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });

  it('builds a zip with the manifest and icons at its root, with MicrosoftAppId as the bot id', () => {
    const out = path.join(tmp, 'app.zip');
    const appId = '11111111-2222-4333-8444-555555555555';
    const result = run({ MicrosoftAppId: appId, BOT_DOMAIN: 'compute-advice.example.com' }, out);
    expect(result.status, result.stderr).toBe(0);
    const files = unzip(readFileSync(out));
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const packaged = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest;
    expect(packaged.bots[0].botId).toBe(appId);
    expect(packaged.validDomains).toContain('compute-advice.example.com');
    expect(manifestErrors(packaged)).toEqual([]);
    expect(files.get('color.png')).toEqual(readFileSync(path.join(appDir, 'color.png')));
    // reproducible: the same inputs give the same bytes
    const again = path.join(tmp, 'again.zip');
    expect(run({ MicrosoftAppId: appId, BOT_DOMAIN: 'compute-advice.example.com' }, again).status).toBe(0);
    expect(readFileSync(again)).toEqual(readFileSync(out));
  });

  it('warns and keeps the placeholder without MicrosoftAppId; refuses a bad one', () => {
    const out = path.join(tmp, 'placeholder.zip');
    const result = run({}, out);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('MicrosoftAppId is not set');
    const bad = run({ MicrosoftAppId: 'my-bot' }, path.join(tmp, 'bad.zip'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('MicrosoftAppId must be a GUID');
  });

  it('the icon generator reproduces the committed icons', () => {
    const before = [readFileSync(path.join(appDir, 'color.png')), readFileSync(path.join(appDir, 'outline.png'))];
    execFileSync(process.execPath, [path.join(appDir, 'make-icons.mjs')]);
    expect([readFileSync(path.join(appDir, 'color.png')), readFileSync(path.join(appDir, 'outline.png'))]).toEqual(before);
  });
});
