// Draws the two Teams app icons with nothing but node:zlib: color.png (192x192, full colour) and
// outline.png (32x32, white on transparent, as Teams requires). Run: node teams-app/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** RGBA pixels (size*size*4) -> PNG bytes. */
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Five bars of different heights (one per compute model) on a baseline: the "which fits best" chart. */
function draw(size, { background, ink }) {
  const px = Buffer.alloc(size * size * 4);
  const set = (x, y, [r, g, b, a]) => {
    if (x < 0 || y < 0 || x >= size || y >= size) return;
    const i = (y * size + x) * 4;
    px[i] = r;
    px[i + 1] = g;
    px[i + 2] = b;
    px[i + 3] = a;
  };
  const rect = (x0, y0, x1, y1, colour) => {
    for (let y = Math.round(y0); y < Math.round(y1); y++) for (let x = Math.round(x0); x < Math.round(x1); x++) set(x, y, colour);
  };
  if (background) {
    // rounded square
    const r = size * 0.18;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const dx = Math.max(r - x, 0, x - (size - 1 - r));
        const dy = Math.max(r - y, 0, y - (size - 1 - r));
        if (dx * dx + dy * dy <= r * r) set(x, y, background);
      }
    }
  }
  const s = size / 32;
  const heights = [10, 16, 22, 13, 7];
  const barWidth = 3.5 * s;
  const gap = 1.5 * s;
  const left = (size - (5 * barWidth + 4 * gap)) / 2;
  const base = size - 7 * s;
  heights.forEach((h, i) => {
    const x = left + i * (barWidth + gap);
    rect(x, base - h * s, x + barWidth, base, ink);
  });
  rect(left - s, base + 0.5 * s, size - left + s, base + 2 * s, ink); // baseline
  return png(size, px);
}

const dir = new URL('.', import.meta.url);
writeFileSync(new URL('color.png', dir), draw(192, { background: [0x3a, 0x5b, 0xd9, 255], ink: [255, 255, 255, 255] }));
writeFileSync(new URL('outline.png', dir), draw(32, { background: null, ink: [255, 255, 255, 255] }));
console.log('wrote teams-app/color.png (192x192) and teams-app/outline.png (32x32)');
