#!/usr/bin/env node
// Builds the Teams app package (dist/teams-app.zip) from teams-app/: manifest.json plus the two icons at the zip's
// root, as Teams expects. No dependencies: a minimal zip writer over node:zlib (deflateRaw + CRC-32).
//
//   npm run teams:package                      placeholder bot id (fine for a look at the package)
//   MicrosoftAppId=<guid> npm run teams:package   the real bot: botId is set from MicrosoftAppId
//
// Optional env: TEAMS_APP_VERSION (semver; default package.json's version), BOT_DOMAIN (added to validDomains).
// Flags: --out <file> (default dist/teams-app.zip).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const appDir = path.join(root, 'teams-app');
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const PLACEHOLDER_BOT_ID = '00000000-0000-0000-0000-000000000000';
const ICON_SIZES = { color: 192, outline: 32 };

function fail(message) {
  console.error(`teams:package: ${message}`);
  process.exit(1);
}

// ---- zip ------------------------------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// A fixed timestamp (1980-01-01 00:00, the DOS epoch) keeps the zip byte-for-byte reproducible.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** entries: [{ name, data: Buffer }] -> zip bytes (deflate or store, UTF-8 names, no extra fields). */
export function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data, { level: 9 });
    // small PNGs are already compressed: store them when deflate does not help
    const method = deflated.length < data.length ? 8 : 0;
    const compressed = method === 8 ? deflated : data;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8); // 8 deflate, 0 stored
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBytes, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    // extra, comment, disk, internal attributes: 0
    central.writeUInt32LE(0, 38); // external attributes
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + compressed.length;
  }
  const centralDir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDir, end]);
}

// ---- package --------------------------------------------------------------------------------------------------

/** Width and height from a PNG's IHDR; throws if it is not a PNG. */
export function pngSize(buf) {
  const signature = '89504e470d0a1a0a';
  if (buf.subarray(0, 8).toString('hex') !== signature || buf.subarray(12, 16).toString('ascii') !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

export function buildManifest(env = process.env) {
  const manifest = JSON.parse(readFileSync(path.join(appDir, 'manifest.json'), 'utf8'));
  const warnings = [];
  const appId = (env.MicrosoftAppId ?? '').trim();
  if (appId) {
    if (!GUID.test(appId)) fail(`MicrosoftAppId must be a GUID (the bot's Microsoft App ID), got "${appId}"`);
    manifest.bots[0].botId = appId;
  } else {
    warnings.push(`MicrosoftAppId is not set: the package keeps the placeholder bot id ${PLACEHOLDER_BOT_ID}; Teams will not reach your bot.`);
  }
  const version = (env.TEAMS_APP_VERSION ?? '').trim() || JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  if (!/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/.test(version)) fail(`TEAMS_APP_VERSION must be semver like 1.2.3, got "${version}"`);
  manifest.version = version;
  const domain = (env.BOT_DOMAIN ?? '').trim();
  if (domain) {
    if (!/^[A-Za-z0-9*.-]+(:\d+)?$/.test(domain)) fail(`BOT_DOMAIN must be a host name like bot.example.com, got "${domain}"`);
    manifest.validDomains = [...new Set([...(manifest.validDomains ?? []), domain])];
  }
  return { manifest, warnings };
}

export function buildPackage(env = process.env) {
  const { manifest, warnings } = buildManifest(env);
  const files = [{ name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') }];
  for (const [kind, size] of Object.entries(ICON_SIZES)) {
    const name = manifest.icons?.[kind];
    if (!name) fail(`manifest.icons.${kind} is missing`);
    let data;
    try {
      data = readFileSync(path.join(appDir, name));
    } catch {
      fail(`icon ${name} not found in teams-app/ (run: node teams-app/make-icons.mjs)`);
    }
    const actual = pngSize(data);
    if (actual.width !== size || actual.height !== size) fail(`${name} must be ${size}x${size} pixels, is ${actual.width}x${actual.height}`);
    files.push({ name, data });
  }
  return { zip: zip(files), manifest, warnings, files: files.map((f) => f.name) };
}

function main() {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const out = path.resolve(root, outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1] : 'dist/teams-app.zip');
  const result = buildPackage();
  for (const warning of result.warnings) console.warn(`teams:package: warning: ${warning}`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, result.zip);
  console.log(`teams:package: wrote ${path.relative(process.cwd(), out) || out} (${result.files.join(', ')}; bot ${result.manifest.bots[0].botId}, version ${result.manifest.version})`);
  console.log('teams:package: upload it in Teams: Apps > Manage your apps > Upload an app (see docs/TEAMS.md).');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
