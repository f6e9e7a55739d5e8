import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

// Draws the two icons of the Teams app package: `color.png` (192×192, full colour) and
// `outline.png` (32×32, white on transparent), as Teams requires. The PNGs are committed;
// run `npx tsx src/cli/app-package-icons.ts [--out-dir DIR]` to draw them again.

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;
/** The manifest's accentColor: Teams shows it around the colour icon. */
const ACCENT = { r: 0x0f, g: 0x6c, b: 0xbd };
const WHITE = { r: 255, g: 255, b: 255 };

interface RoundedRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  radius: number;
}

function inside(rect: RoundedRect, x: number, y: number): boolean {
  if (x < rect.x0 || x > rect.x1 || y < rect.y0 || y > rect.y1) return false;
  const dx = Math.max(rect.x0 + rect.radius - x, 0, x - (rect.x1 - rect.radius));
  const dy = Math.max(rect.y0 + rect.radius - y, 0, y - (rect.y1 - rect.radius));
  return dx * dx + dy * dy <= rect.radius * rect.radius;
}

const SUBSAMPLES = 4; // 4×4 samples a pixel: smooth edges, same bytes on every run

/** The share of pixel (px, py) covered by any of the shapes, from 0 to 1. */
function coverage(shapes: readonly RoundedRect[], px: number, py: number): number {
  let hits = 0;
  for (let i = 0; i < SUBSAMPLES; i += 1) {
    for (let j = 0; j < SUBSAMPLES; j += 1) {
      const x = px + (i + 0.5) / SUBSAMPLES;
      const y = py + (j + 0.5) / SUBSAMPLES;
      if (shapes.some((s) => inside(s, x, y))) hits += 1;
    }
  }
  return hits / (SUBSAMPLES * SUBSAMPLES);
}

/** Rising bars standing on `bottom`, spread over [left, left + width]. */
function barChart(left: number, bottom: number, width: number, heights: readonly number[], radius: number): RoundedRect[] {
  const gap = width / (heights.length * 3 - 1); // a bar is twice as wide as a gap
  const barWidth = gap * 2;
  return heights.map((h, i) => {
    const x0 = left + i * (barWidth + gap);
    return { x0, y0: bottom - h, x1: x0 + barWidth, y1: bottom, radius };
  });
}

function setPixel(png: PNG, x: number, y: number, rgb: { r: number; g: number; b: number }, alpha: number): void {
  const at = (png.width * y + x) * 4;
  png.data[at] = rgb.r;
  png.data[at + 1] = rgb.g;
  png.data[at + 2] = rgb.b;
  png.data[at + 3] = Math.round(alpha * 255);
}

/** A blue rounded tile with a white bar chart (bars on a baseline) inside the central safe area. */
export function drawColorIcon(): PNG {
  const size = COLOR_ICON_SIZE;
  const png = new PNG({ width: size, height: size });
  const tile = [{ x0: 0, y0: 0, x1: size, y1: size, radius: 40 }];
  const bars = [...barChart(52, 138, 88, [34, 58, 86], 5), { x0: 44, y0: 146, x1: 148, y1: 154, radius: 4 }];
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const t = coverage(tile, x, y);
      const b = coverage(bars, x, y);
      const mix = (c: number, w: number): number => Math.round(c + (w - c) * b);
      setPixel(png, x, y, { r: mix(ACCENT.r, WHITE.r), g: mix(ACCENT.g, WHITE.g), b: mix(ACCENT.b, WHITE.b) }, t);
    }
  }
  return png;
}

/** The same chart, white on a transparent background (Teams tints it itself). */
export function drawOutlineIcon(): PNG {
  const size = OUTLINE_ICON_SIZE;
  const png = new PNG({ width: size, height: size });
  const bars = [...barChart(4, 25, 24, [8, 14, 21], 1), { x0: 3, y0: 27, x1: 29, y1: 29, radius: 1 }];
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      // every pixel is white; only the alpha draws the shape
      setPixel(png, x, y, WHITE, coverage(bars, x, y));
    }
  }
  return png;
}

export function writeIcons(outDir: string): string[] {
  const files: Array<[string, PNG]> = [
    ['color.png', drawColorIcon()],
    ['outline.png', drawOutlineIcon()],
  ];
  return files.map(([name, png]) => {
    const file = path.join(outDir, name);
    writeFileSync(file, PNG.sync.write(png));
    return file;
  });
}

if (require.main === module) {
  const flag = process.argv.indexOf('--out-dir');
  const outDir = flag === -1 ? path.resolve(__dirname, '..', '..', 'appPackage') : path.resolve(process.argv[flag + 1] ?? '.');
  for (const file of writeIcons(outDir)) process.stdout.write(`${file}\n`);
}
