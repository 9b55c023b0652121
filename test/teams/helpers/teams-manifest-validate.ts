/**
 * Validates a Teams manifest against test/fixtures/schemas/teams-manifest-1.22.schema.json. That schema declares
 * draft-04, which Ajv 8 does not ship; it uses no draft-04-only semantics (no boolean exclusiveMinimum, no
 * schema `id`s), so it compiles as draft-07 once its `$schema` line is removed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { Ajv, type ValidateFunction } from 'ajv';
import { repoRoot } from '../../render/helpers/adaptive-card-validate.js';

export const TEAMS_MANIFEST_SCHEMA_PATH = path.resolve(repoRoot, 'test/fixtures/schemas/teams-manifest-1.22.schema.json');

let compiled: ValidateFunction | undefined;

export function manifestErrors(manifest: unknown): string[] {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(TEAMS_MANIFEST_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
    expectDraft04(schema);
    delete schema.$schema;
    compiled = new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(schema);
  }
  if (compiled(manifest)) return [];
  return (compiled.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params ?? {})}`);
}

function expectDraft04(schema: Record<string, unknown>): void {
  if (schema.$schema !== 'http://json-schema.org/draft-04/schema#')
    throw new Error(`unexpected manifest schema dialect ${String(schema.$schema)}`);
}

export interface DecodedPng {
  width: number;
  height: number;
  colorType: number;
  /** RGBA rows, only for 8-bit RGBA images without interlacing (what make-icons.mjs writes). */
  pixels?: Buffer;
}

/** Reads a PNG's chunks (checking the signature) and, for 8-bit RGBA, its pixels (filter type 0 rows only). */
export function decodePng(buf: Buffer): DecodedPng {
  if (buf.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('not a PNG');
  let offset = 8;
  let header: { width: number; height: number; bitDepth: number; colorType: number; interlace: number } | undefined;
  const idat: Buffer[] = [];
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.subarray(offset + 4, offset + 8).toString('ascii');
    const data = buf.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR')
      header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bitDepth: data[8]!, colorType: data[9]!, interlace: data[12]! };
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
    if (type === 'IEND') break;
  }
  if (!header) throw new Error('PNG without IHDR');
  const result: DecodedPng = { width: header.width, height: header.height, colorType: header.colorType };
  if (header.bitDepth === 8 && header.colorType === 6 && header.interlace === 0) {
    const raw = inflateSync(Buffer.concat(idat));
    const stride = header.width * 4;
    const pixels = Buffer.alloc(stride * header.height);
    for (let y = 0; y < header.height; y++) {
      const filter = raw[y * (stride + 1)];
      if (filter !== 0) return result; // only unfiltered rows are decoded here
      raw.copy(pixels, y * stride, y * (stride + 1) + 1, (y + 1) * (stride + 1));
    }
    result.pixels = pixels;
  }
  return result;
}
