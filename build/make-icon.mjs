// Draws the app icon (build/icon.png, 1024×1024) without any image tool: a blue rounded
// square with three domain tabs over a case card. electron-builder derives the .ico and
// .icns from it. Run: node build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const SIZE = 1024;

/** Coverage (0..1) of a rounded rectangle at pixel centre (x, y), anti-aliased over one pixel. */
function roundedRect(x, y, left, top, right, bottom, radius) {
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  const distance = Math.hypot(x - cx, y - cy) - radius;
  const inside = x >= left && x <= right && y >= top && y <= bottom;
  if (!inside && distance > 1) return 0;
  return Math.min(1, Math.max(0, 0.5 - distance));
}

function blend(pixel, [r, g, b], alpha) {
  pixel[0] = pixel[0] * (1 - alpha) + r * alpha;
  pixel[1] = pixel[1] * (1 - alpha) + g * alpha;
  pixel[2] = pixel[2] * (1 - alpha) + b * alpha;
  pixel[3] = Math.max(pixel[3], alpha * 255);
}

const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    const pixel = [0, 0, 0, 0];
    const px = x + 0.5;
    const py = y + 0.5;
    const t = y / SIZE;
    const background = [Math.round(31 - 8 * t), Math.round(111 - 33 * t), Math.round(235 - 69 * t)];
    blend(pixel, background, roundedRect(px, py, 64, 64, 960, 960, 200));
    // The active tab reaches into the card so the two read as one shape.
    const tabs = [
      [200, 380, 420, [255, 255, 255]],
      [400, 580, 360, [187, 214, 255]],
      [600, 780, 360, [187, 214, 255]],
    ];
    for (const [left, right, bottom, color] of tabs)
      blend(pixel, color, roundedRect(px, py, left, 250, right, bottom, 36));
    blend(pixel, [255, 255, 255], roundedRect(px, py, 200, 330, 824, 800, 48));
    blend(pixel, [255, 255, 255], roundedRect(px, py, 200, 330, 380, 420, 0));
    const lines = [
      [270, 754, 430],
      [270, 680, 520],
      [270, 720, 610],
      [270, 560, 700],
    ];
    for (const [left, right, top] of lines)
      blend(pixel, [31, 111, 235], roundedRect(px, py, left, top, right, top + 36, 18));
    const offset = y * (SIZE * 4 + 1) + 1 + x * 4;
    for (let c = 0; c < 4; c++) raw[offset + c] = Math.round(pixel[c]);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = fileURLToPath(new URL('./icon.png', import.meta.url));
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
