#!/usr/bin/env node
// Builds the Teams app package (dist/teams-app.zip) from teams-app/: manifest.json plus the two icons at the zip's
// root, as Teams expects. The zip is written by fflate.
//
//   npm run teams:package                      placeholder bot id (fine for a look at the package)
//   MicrosoftAppId=<guid> npm run teams:package   the real bot: botId is set from MicrosoftAppId
//
// Optional env: TEAMS_APP_VERSION (semver; default package.json's version), BOT_DOMAIN (added to validDomains).
// Flags: --out <file> (default dist/teams-app.zip).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

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

// A fixed timestamp (1980-01-01 00:00 local, the DOS epoch) keeps the zip byte-for-byte reproducible.
const ZIP_TIME = new Date(1980, 0, 1);

/** entries: [{ name, data: Buffer }] -> zip bytes; PNGs are already compressed, so they are stored. */
export function zip(entries) {
  const files = Object.fromEntries(
    entries.map(({ name, data }) => [name, [new Uint8Array(data), { level: name.endsWith('.png') ? 0 : 9, mtime: ZIP_TIME }]]),
  );
  return Buffer.from(zipSync(files));
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
    warnings.push(
      `MicrosoftAppId is not set: the package keeps the placeholder bot id ${PLACEHOLDER_BOT_ID}; Teams will not reach your bot.`,
    );
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
    if (actual.width !== size || actual.height !== size)
      fail(`${name} must be ${size}x${size} pixels, is ${actual.width}x${actual.height}`);
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
  console.log(
    `teams:package: wrote ${path.relative(process.cwd(), out) || out} (${result.files.join(', ')}; bot ${result.manifest.bots[0].botId}, version ${result.manifest.version})`,
  );
  console.log('teams:package: upload it in Teams: Apps > Manage your apps > Upload an app (see docs/TEAMS.md).');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
