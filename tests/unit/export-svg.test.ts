/** The SVG export: well-formed, complete, escaped, deterministic, small and fast enough. */
import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { renderMapSvg } from '../../shared/export/svg';
import { mapGeometry, stepSize } from '../../shared/model/geometry';
import type { MapDoc } from '../../shared/model/types';
import { buildMap, salesMap } from '../support/builders';
import { countTags, squash, svgTexts, xmlError } from '../support/exportSvg';
import { randomMap } from '../support/randomMaps';

const sample = JSON.parse(fs.readFileSync('templates/sample-sales-map.json', 'utf8')) as MapDoc;
const withPhases = (() => {
  const doc = salesMap('s', {
    phases: [
      { id: 'p1', name: 'Квалификация', order: 0 },
      { id: 'p2', name: 'Переговоры и сделка', order: 1 },
    ],
  });
  for (const s of Object.values(doc.steps)) s.phaseId = s.x < 500 ? 'p1' : 'p2';
  return doc;
})();

function expectComplete(doc: MapDoc, svg: string, stepIds = Object.keys(doc.steps)) {
  expect(xmlError(svg)).toBeNull();
  expect(svg).not.toMatch(/foreignObject/i);
  const texts = svgTexts(svg).map(squash);
  for (const id of stepIds) {
    const title = squash(doc.steps[id]!.title);
    expect(
      texts.some((t) => t.includes(title)),
      `title of ${id}: ${title}`,
    ).toBe(true);
  }
  const flows = Object.values(doc.flows).filter((f) => stepIds.includes(f.fromStepId) && stepIds.includes(f.toStepId));
  for (const f of flows.filter((f) => f.label)) expect(texts).toContain(squash(f.label));
  expect(svg.match(/marker-end="url\(#lm-arrow\)"/g)?.length ?? 0).toBe(flows.length);
}

describe('renderMapSvg', () => {
  test.each([
    ['the bundled sample map', sample],
    ['a Cyrillic sales map', salesMap()],
    ['a Cyrillic map with phases', withPhases],
    ['a random 60-step map with phases and loops', randomMap({ seed: 11, steps: 60, lanes: 5, phases: 4, loops: 0.1, unphased: 0.1 })],
  ])('given %s, when exported, then it is well-formed XML with every title, label, lane and one arrowed path per flow', (_, doc) => {
    const { svg, width, height } = renderMapSvg(doc, { legend: true, titleBlock: { title: doc.title, subtitle: 'Черновик · v2' } });
    expectComplete(doc, svg);
    const texts = svgTexts(svg);
    for (const r of Object.values(doc.roles)) expect(texts.map(squash)).toContain(squash(r.name));
    for (const p of Object.values(doc.phases)) expect(texts.map(squash)).toContain(squash(p.name));
    expect(svg).toContain(`width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`);
    // the whole map fits: at least as wide as its lanes' content
    expect(width).toBeGreaterThanOrEqual(mapGeometry(doc).right);
  });

  test('given the same map twice, when exported, then the bytes are identical', () => {
    const doc = randomMap({ seed: 3, steps: 40, lanes: 4, phases: 3 });
    expect(renderMapSvg(doc, { details: true, legend: true }).svg).toBe(renderMapSvg(structuredClone(doc), { details: true, legend: true }).svg);
  });

  test('given hostile titles, labels and names, when exported, then all of it is text: escaped, never markup', () => {
    const hostile = ['<script>alert(1)</script>', ']]>', `"&'`, '<img src=x onerror="alert(1)">', '</text><foreignObject>', 'a\u0000b\u0007c', '&amp; &lt;'];
    const doc = buildMap({
      title: hostile.join(' '),
      roles: [{ id: 'r1', name: '<b onmouseover="x">Роль</b>' }],
      phases: [{ id: 'p1', name: '"><svg onload=alert(1)>', order: 0 }],
      steps: hostile.map((title, i) => ({
        id: `s${i}`,
        role: 'r1',
        title,
        phaseId: 'p1',
        kind: i % 2 ? 'decision' : 'task',
        x: 0,
        y: 40 + i * 200,
        inputs: [`<in${i}>`],
      })),
      flows: hostile.slice(1).map((label, i) => ({ id: `f${i}`, from: `s${i}`, to: `s${i + 1}`, label: label.slice(0, 120) })),
    });
    const { svg } = renderMapSvg(doc, {
      titleBlock: { title: '<script>x</script>', subtitle: '"quoted" & \'single\'' },
      legend: true,
      details: true,
      fontCss: '/* ]]> */',
    });
    expect(xmlError(svg)).toBeNull();
    expect(svg).not.toMatch(/<script|<img|<foreignObject|<b\s|<svg\s+onload/i);
    // no element carries an event handler: the words are in text, with their < escaped
    expect(svg).not.toMatch(/<[^>]*\son(error|load|mouseover)=/i);
    const texts = svgTexts(svg);
    expect(texts).toContain('<script>alert(1)</script>');
    expect(texts).toContain(']]>');
    expect(texts).toContain(`"&'`);
    expect(texts).toContain('abc'); // control characters XML cannot carry are dropped
    expect(texts).toContain('&amp; &lt;');
    expect(texts.some((t) => t.includes('<in0>'))).toBe(true);
    // exactly one <svg> element and one (the document) title
    expect(countTags(svg, 'svg')).toBe(1);
  });

  test('given a title with a word longer than the card, when exported, then the word breaks across lines and is all there', () => {
    const long = 'Согласованиескидкисруководителемотделапродажикоммерческогодиректора';
    const doc = salesMap('s');
    doc.steps['s-offer']!.title = long;
    const { svg } = renderMapSvg(doc);
    const text = svgTexts(svg).find((t) => squash(t) === long);
    expect(text).toBeDefined();
    expect(text!.split(' ').length).toBeGreaterThan(2);
  });

  test('given a selection, when exported, then only those steps and the flows between them are drawn', () => {
    const doc = salesMap('s');
    const ids = ['s-qualify', 's-offer', 's-decide'];
    const { svg, width } = renderMapSvg(doc, { stepIds: [...ids, 'unknown'] });
    expectComplete(doc, svg, ids);
    const texts = svgTexts(svg).map(squash);
    expect(texts).not.toContain(squash('Заявка поступила'));
    expect(texts).not.toContain(squash('Сделка закрыта'));
    expect(width).toBeLessThan(renderMapSvg(doc).width);
  });

  test('given details, when exported, then every input, output and resource is listed and the lanes grow to hold them', () => {
    const doc = salesMap('s');
    const plain = renderMapSvg(doc);
    const { svg, height } = renderMapSvg(doc, { details: true });
    expect(xmlError(svg)).toBeNull();
    const all = squash(svgTexts(svg).join(' '));
    for (const s of Object.values(doc.steps)) for (const item of [...s.inputs, ...s.outputs, ...s.resources]) expect(all).toContain(squash(item));
    expect(height).toBeGreaterThan(plain.height);
  });

  test('given a route from a tidy-up whose ends still meet their steps, when exported, then the flow follows it; a stale one is redrawn', () => {
    const doc = salesMap('s');
    const g = mapGeometry(doc);
    const a = g.positions.get('s-lead')!;
    const b = g.positions.get('s-qualify')!;
    const sa = stepSize(doc.steps['s-lead']!);
    const sb = stepSize(doc.steps['s-qualify']!);
    const route = [
      { x: a.x + sa.width, y: a.y + sa.height / 2 },
      { x: a.x + sa.width + 20, y: a.y + sa.height / 2 },
      { x: a.x + sa.width + 20, y: b.y + sb.height / 2 },
      { x: b.x, y: b.y + sb.height / 2 },
    ];
    doc.flows['s-f1']!.route = route;
    expect(renderMapSvg(doc).svg).toContain(`M ${route[0]!.x} ${route[0]!.y} L`);
    doc.flows['s-f1']!.route = route.map((p) => ({ x: p.x, y: p.y + 300 }));
    expect(renderMapSvg(doc).svg).not.toContain(`M ${route[0]!.x} ${route[0]!.y + 300}`);
  });

  test('given an empty map and a transparent background, when exported, then it is still a valid, non-empty SVG without a backdrop', () => {
    const { svg, width, height } = renderMapSvg(buildMap({ roles: [] }), { background: 'transparent' });
    expect(xmlError(svg)).toBeNull();
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
    expect(svg).not.toContain(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  });

  test('given a 1000-step map, when exported, then the SVG is at most 2 MB and takes well under a second', () => {
    const doc = randomMap({ seed: 8000, steps: 1000, lanes: 6, phases: 7, unphased: 0.03, loops: 0.06, decisions: 0.15 });
    renderMapSvg(doc); // warm up
    const t0 = performance.now();
    const { svg } = renderMapSvg(doc);
    const ms = performance.now() - t0;
    expect(new TextEncoder().encode(svg).length).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(ms).toBeLessThan(1000); // the bench's target is 250 ms; this is a loose guard for slow CI
    expect(xmlError(svg)).toBeNull();
  });
});

describe('sub-process steps in exports', () => {
  test('a sub-process is drawn as a card like a task, with a second inner line and a boxed plus, not as a start/end pill', () => {
    const doc = salesMap('x');
    const sub = { ...doc, steps: { ...doc.steps, 'x-qualify': { ...doc.steps['x-qualify']!, kind: 'subprocess' as const } } };
    const plain = renderMapSvg(doc, {}).svg;
    const svg = renderMapSvg(sub, {}).svg;
    expect(xmlError(svg)).toBeNull();
    // one more card outline (the inner line), the plus in its box, and no extra pill
    expect(countTags(svg, 'rect')).toBe(countTags(plain, 'rect') + 2);
    expect(svg).toMatch(/<path d="M[\d.]+ [\d.]+V[\d.]+M[\d.]+ [\d.]+H[\d.]+" stroke="#6b7483"/);
    expect(squash(svgTexts(svg).join(' '))).toContain(squash(doc.steps['x-qualify']!.title));
  });
});
