/** PNG via resvg with the bundled Inter: real pixels, the right size, Cyrillic drawn. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { renderMapSvg } from '../../shared/export/svg';
import type { MapDoc } from '../../shared/model/types';
import { interTtfFiles } from '../../src-main/export/fonts';
import { svgToPng } from '../../src-main/export/png';
import { buildMap } from '../support/builders';

const { Resvg } = createRequire(import.meta.url)('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
const sample = JSON.parse(fs.readFileSync('templates/sample-sales-map.json', 'utf8')) as MapDoc;

function decode(png: Buffer) {
  // resvg reads PNG as an <image>; simpler: render the PNG's SVG again and read pixels
  const img = new Resvg(`<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/png;base64,${png.toString('base64')}"/></svg>`).render();
  return img;
}

/** Pixels that are not (almost) pure white or fully transparent. */
function inked(pixels: Buffer): number {
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    const [r, g, b, a] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!, pixels[i + 3]!];
    if (a > 16 && (r < 240 || g < 240 || b < 240)) n++;
  }
  return n;
}

describe('svgToPng', () => {
  test.each([1, 2, 3])('given the sample map at scale %i, when rendered, then the PNG is scale x the SVG and far from blank', (scale) => {
    const svg = renderMapSvg(sample, { legend: true, titleBlock: { title: sample.title } });
    const { png, width, height } = svgToPng(svg.svg, svg, { scale });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(width).toBe(svg.width * scale);
    expect(height).toBe(svg.height * scale);
    // the IHDR chunk says the same
    expect(png.readUInt32BE(16)).toBe(width);
    expect(png.readUInt32BE(20)).toBe(height);
    if (scale === 1) {
      const img = decode(png);
      expect(img.width).toBe(width);
      expect(inked(img.pixels)).toBeGreaterThan(width * height * 0.05);
    }
  });

  test('given a transparent export, when rendered, then the corners are transparent; given white, they are white', () => {
    const clear = renderMapSvg(sample, { background: 'transparent' });
    const px = decode(svgToPng(clear.svg, clear, { scale: 1, transparent: true }).png).pixels;
    expect(px[3]).toBe(0);
    const white = renderMapSvg(sample);
    const wpx = decode(svgToPng(white.svg, white, { scale: 1 }).png).pixels;
    expect([...wpx.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
  });

  test('given a Cyrillic title, when rendered with the Inter TTFs, then its glyphs are drawn (ink where the text is)', () => {
    const doc = buildMap({ roles: [{ id: 'r', name: 'Менеджер' }], steps: [{ id: 's', role: 'r', title: 'ЖЖЖЖЖЖЖЖЖЖ ЩЩЩЩЩЩЩЩЩЩ', x: 0, y: 40 }] });
    const text = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60"><text x="10" y="40" font-family="Inter" font-size="30">ЖЩЫЮЯ</text></svg>`;
    const img = new Resvg(text, { font: { loadSystemFonts: false, fontFiles: interTtfFiles(), defaultFontFamily: 'Inter' } }).render();
    expect(inked(img.pixels)).toBeGreaterThan(500);
    const svg = renderMapSvg(doc);
    expect(svgToPng(svg.svg, svg, { scale: 1 }).width).toBe(svg.width);
  });
});
