/**
 * The value-stream band under the map in SVG (and so PNG) exports: the critical path's steps
 * with their wait and work times, the totals, in the words given; rows wrap to the picture's
 * width; nothing is drawn outside the picture; text is escaped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { mapFigures } from '../../shared/analysis/figures';
import { valueStreamLayout, VS } from '../../shared/analysis/valueStream';
import { renderMapSvg } from '../../shared/export/svg';
import type { MapDoc } from '../../shared/model/types';
import { svgToPng } from '../../src-main/export/png';
import { interFontCss } from '../../src-main/export/fonts';
import { buildMap } from '../support/builders';
import { squash, svgTexts, xmlError } from '../support/exportSvg';

/** A line of `n` tasks with waits, start to end. */
function line(n: number, title = (i: number) => `Шаг ${i + 1}`): MapDoc {
  const steps = [
    { id: 's', role: 'r', kind: 'start' as const, title: 'Заявка', x: 0 },
    ...Array.from({ length: n }, (_, i) => ({ id: `t${i}`, role: 'r', title: title(i), x: 200 * (i + 1), duration: { value: 30, unit: 'min' as const } })),
    { id: 'e', role: 'r', kind: 'end' as const, title: 'Готово', x: 200 * (n + 1) },
  ];
  const ids = steps.map((s) => s.id);
  const doc = buildMap({ roles: [{ id: 'r', name: 'Менеджер' }], steps, flows: ids.slice(1).map((to, i) => ({ from: ids[i]!, to })) });
  for (let i = 0; i < n; i++) doc.steps[`t${i}`]!.wait = { value: i + 1, unit: 'h' };
  return doc;
}

describe('the value-stream band in an SVG export', () => {
  test('lists the critical path with each wait and work time and the totals, in the words given', () => {
    const doc = line(3);
    const { svg } = renderMapSvg(doc, {
      valueStream: {
        labels: { heading: 'Поток создания ценности', leadTime: 'Время выполнения', work: 'Работа', efficiency: 'Эффективность' },
        time: (m) => `${m} мин`,
        percent: (x) => `${Math.round(x * 100)} %`,
      },
    });
    expect(xmlError(svg)).toBeNull();
    const text = squash(svgTexts(svg).join(' '));
    expect(text).toContain(squash('Поток создания ценности'));
    for (const t of ['Шаг 1', 'Шаг 2', 'Шаг 3', '60 мин', '120 мин', '180 мин', '30 мин']) expect(text).toContain(squash(t));
    // lead = waits 60+120+180 + work 3×30 = 450 min; efficiency 90/450 = 20 %
    expect(text).toContain(squash('Время выполнения: 450 мин'));
    expect(text).toContain(squash('Эффективность: 20 %'));
  });

  test('without the option nothing is added; with it the picture is taller by the band', () => {
    const doc = line(3);
    const plain = renderMapSvg(doc);
    const withBand = renderMapSvg(doc, { valueStream: true });
    expect(plain.svg).not.toContain('value-stream');
    expect(withBand.height).toBeGreaterThan(plain.height + VS.rowHeight);
    expect(withBand.svg).toContain('Lead time');
  });

  test('a long critical path wraps into rows no wider than the map; titles are escaped', () => {
    const doc = line(30, (i) => (i === 3 ? '<script>alert(1)</script> & «кавычки»' : `Шаг ${i + 1} с очень длинным названием, которое не помещается`));
    const figures = mapFigures(doc);
    const layout = valueStreamLayout(doc, figures, 1200, 'Без названия');
    expect(layout.rows).toBeGreaterThan(1);
    expect(layout.width).toBeLessThanOrEqual(1200);
    for (const s of layout.segments) expect(s.x + VS.wait + VS.work).toBeLessThanOrEqual(1200);
    const { svg, width } = renderMapSvg(doc, { valueStream: true });
    expect(xmlError(svg)).toBeNull();
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    // every number of the band inside the picture
    const xs = [...svg.slice(svg.indexOf('class="value-stream"')).matchAll(/ x="(-?[\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.max(...xs)).toBeLessThanOrEqual(width);
  });

  test('a map with no way from start to end has an empty band, not an error', () => {
    const doc = buildMap({ roles: [{ id: 'r' }], steps: [{ id: 'a', role: 'r', title: 'Один' }] });
    const { svg } = renderMapSvg(doc, { valueStream: true });
    expect(xmlError(svg)).toBeNull();
  });

  test('the PNG of a map with its band renders (looked at in artifacts/)', () => {
    const doc = line(8);
    const { svg, width, height } = renderMapSvg(doc, { valueStream: true, fontCss: interFontCss(), legend: true });
    const png = svgToPng(svg, { width, height }, { scale: 1 });
    expect(png.png.subarray(1, 4).toString()).toBe('PNG');
    const dir = path.resolve('artifacts');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'value-stream.png'), png.png);
  });
});
