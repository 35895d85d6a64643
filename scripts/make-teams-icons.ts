// Draws the two Teams app icons as real PNGs: colour 192×192 (white mark on the accent colour) and outline
// 32×32 (white mark on a transparent background, as Teams requires). Run: npx tsx scripts/make-teams-icons.ts
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'manifests', 'teams');
const ACCENT = [0x1f, 0x6f, 0x5c] as const;
const SUPERSAMPLE = 4;

/** The mark in a unit square: two people (heads and shoulders) joined by a bridge — a warm handover. */
function inMark(x: number, y: number): boolean {
  const circle = (cx: number, cy: number, r: number) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  const heads = circle(0.3, 0.36, 0.11) || circle(0.7, 0.36, 0.11);
  const shoulders = (circle(0.3, 0.72, 0.2) || circle(0.7, 0.72, 0.2)) && y <= 0.72;
  const bridge = y >= 0.5 && y <= 0.58 && x >= 0.3 && x <= 0.7;
  return heads || shoulders || bridge;
}

function draw(size: number, margin: number, background: readonly [number, number, number] | null): PNG {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const u = ((px + (sx + 0.5) / SUPERSAMPLE) / size - margin) / (1 - 2 * margin);
          const v = ((py + (sy + 0.5) / SUPERSAMPLE) / size - margin) / (1 - 2 * margin);
          if (inMark(u, v)) hits++;
        }
      }
      const cover = hits / SUPERSAMPLE ** 2;
      const i = (py * size + px) * 4;
      if (background) {
        for (let c = 0; c < 3; c++) png.data[i + c] = Math.round(background[c] * (1 - cover) + 255 * cover);
        png.data[i + 3] = 255;
      } else {
        png.data[i] = png.data[i + 1] = png.data[i + 2] = 255;
        png.data[i + 3] = Math.round(255 * cover);
      }
    }
  }
  return png;
}

export const COLOR_SIZE = 192;
export const OUTLINE_SIZE = 32;

writeFileSync(join(OUT, 'color.png'), PNG.sync.write(draw(COLOR_SIZE, 0.14, ACCENT)));
writeFileSync(join(OUT, 'outline.png'), PNG.sync.write(draw(OUTLINE_SIZE, 0.04, null)));
process.stdout.write(`Wrote ${join(OUT, 'color.png')} and ${join(OUT, 'outline.png')}\n`);
