// Draws the app icon without any image tool: a blue rounded square with three domain tabs
// over a case card, and writes the three files electron-builder takes from build/:
//   icon.png   1024×1024, Linux (electron-builder derives the hicolor sizes) and the window icon
//   icon.ico   Windows: PNG images of 16 to 256 px (an ICO may hold PNGs since Windows Vista)
//   icon.icns  macOS: PNG images of 16 to 1024 px, each under its Retina-aware type code
// Small sizes are drawn, not scaled down: each pixel averages the shapes sampled over its
// area, so a 16 px icon keeps its lines. test/build/packaging-config.test.ts reads the files
// back. Run: node build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** The drawing's own coordinates: a 1024-unit square. */
const UNITS = 1024;
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** The icns type of each PNG image, by its pixel size (16@2x is a 32 px image, and so on). */
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['icp6', 64],
  ['ic12', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic13', 256],
  ['ic09', 512],
  ['ic14', 512],
  ['ic10', 1024],
];

/** Coverage (0..1) of a rounded rectangle at point (x, y), anti-aliased over one unit. */
function roundedRect(x, y, left, top, right, bottom, radius) {
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  const distance = Math.hypot(x - cx, y - cy) - radius;
  const inside = x >= left && x <= right && y >= top && y <= bottom;
  if (!inside && distance > 1) return 0;
  return Math.min(1, Math.max(0, 0.5 - distance));
}

const TABS = [
  [200, 380, 420, [255, 255, 255]],
  [400, 580, 360, [187, 214, 255]],
  [600, 780, 360, [187, 214, 255]],
];
const LINES = [
  [270, 754, 430],
  [270, 680, 520],
  [270, 720, 610],
  [270, 560, 700],
];

/** The layers at point (x, y), each as [colour, coverage], bottom first. */
function layersAt(x, y) {
  const t = y / UNITS;
  const background = [31 - 8 * t, 111 - 33 * t, 235 - 69 * t];
  const layers = [[background, roundedRect(x, y, 64, 64, 960, 960, 200)]];
  // The active tab reaches into the card so the two read as one shape.
  for (const [left, right, bottom, color] of TABS)
    layers.push([color, roundedRect(x, y, left, 250, right, bottom, 36)]);
  layers.push([[255, 255, 255], roundedRect(x, y, 200, 330, 824, 800, 48)]);
  layers.push([[255, 255, 255], roundedRect(x, y, 200, 330, 380, 420, 0)]);
  for (const [left, right, top] of LINES)
    layers.push([[31, 111, 235], roundedRect(x, y, left, top, right, top + 36, 18)]);
  return layers;
}

/** Straight (not premultiplied) RGBA pixels of the icon at `size` px. */
function renderIcon(size) {
  const scale = UNITS / size;
  const samples = Math.ceil(scale);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Premultiplied sums over the pixel's samples, each composited layer over layer.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const px = (x + (sx + 0.5) / samples) * scale;
          const py = (y + (sy + 0.5) / samples) * scale;
          let cr = 0;
          let cg = 0;
          let cb = 0;
          let ca = 0;
          for (const [[lr, lg, lb], coverage] of layersAt(px, py)) {
            if (coverage === 0) continue;
            cr = lr * coverage + cr * (1 - coverage);
            cg = lg * coverage + cg * (1 - coverage);
            cb = lb * coverage + cb * (1 - coverage);
            ca = coverage + ca * (1 - coverage);
          }
          r += cr;
          g += cg;
          b += cb;
          a += ca;
        }
      }
      const offset = (y * size + x) * 4;
      if (a > 0) {
        pixels[offset] = Math.round(r / a);
        pixels[offset + 1] = Math.round(g / a);
        pixels[offset + 2] = Math.round(b / a);
      }
      pixels[offset + 3] = Math.round((a / (samples * samples)) * 255);
    }
  }
  return pixels;
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

function encodePng(size, pixels) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** ICONDIR, one 16-byte ICONDIRENTRY per image, then the PNGs (a width or height of 0 means 256). */
function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size;
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map(({ png }) => png)]);
}

/** 'icns' and the file's length, then one (type, length including its 8-byte header, PNG) element per image. */
function encodeIcns(elements) {
  const blocks = elements.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + blocks.reduce((sum, block) => sum + block.length, 0), 4);
  return Buffer.concat([head, ...blocks]);
}

const pngs = new Map();
const pngOf = (size) => {
  if (!pngs.has(size)) pngs.set(size, encodePng(size, renderIcon(size)));
  return pngs.get(size);
};
const files = {
  'icon.png': pngOf(1024),
  'icon.ico': encodeIco(ICO_SIZES.map((size) => ({ size, png: pngOf(size) }))),
  'icon.icns': encodeIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: pngOf(size) }))),
};
for (const [name, bytes] of Object.entries(files)) {
  const out = fileURLToPath(new URL(`./${name}`, import.meta.url));
  writeFileSync(out, bytes);
  console.log(`wrote ${out} (${bytes.length} bytes)`);
}
