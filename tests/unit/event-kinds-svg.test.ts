/**
 * The BPMN-like kinds in the SVG export (issue 11), read back with fast-xml-parser and drawn with
 * resvg: a parallel split/join's bold plus inside its diamond, an event's double ring, the trigger
 * markers (waiting: outlined; sending: filled), a message flow dashed with an open circle and an open
 * arrowhead.
 */
import { createRequire } from 'node:module';
import { XMLParser } from 'fast-xml-parser';
import { expect, test } from 'vitest';
import { renderMapSvg } from '../../shared/export/svg';
import type { MapDoc } from '../../shared/model/types';
import { buildMap } from '../support/builders';
import { squash, svgTexts, xmlError } from '../support/exportSvg';

const { Resvg } = createRequire(import.meta.url)('@resvg/resvg-js') as typeof import('@resvg/resvg-js');

type El = Record<string, unknown>;

function doc(): MapDoc {
  const d = buildMap({
    roles: [
      { id: 'sales', name: 'Менеджер', color: '#2f80ed' },
      { id: 'client', name: 'Клиент', color: '#27ae60' },
    ],
    steps: [
      { id: 's', role: 'sales', kind: 'start', title: 'Заявка' },
      { id: 'split', role: 'sales', kind: 'parallel', title: '' },
      { id: 'a', role: 'sales', title: 'Подготовить КП' },
      { id: 'b', role: 'sales', title: 'Проверить склад', y: 200 },
      { id: 'join', role: 'sales', kind: 'parallel', title: 'Всё готово' },
      { id: 'send', role: 'sales', kind: 'event', title: 'КП отправлено' },
      { id: 'reply', role: 'client', kind: 'event', title: 'Ответ клиента' },
      { id: 'e', role: 'sales', kind: 'end', title: 'Сделка' },
    ],
    flows: [
      { from: 's', to: 'split' },
      { from: 'split', to: 'a' },
      { from: 'split', to: 'b' },
      { from: 'a', to: 'join' },
      { from: 'b', to: 'join' },
      { from: 'join', to: 'send' },
      { from: 'send', to: 'reply' },
      { from: 'reply', to: 'e' },
    ],
  });
  d.steps.send!.trigger = 'message';
  d.steps.send!.throwing = true;
  d.steps.reply!.trigger = 'timer';
  d.steps.e!.trigger = 'terminate';
  d.flows['f-send-reply']!.message = true;
  return d;
}

/** Every element named `tag` anywhere in the parsed tree. */
function all(node: unknown, tag: string, out: El[] = []): El[] {
  if (Array.isArray(node)) for (const n of node) all(n, tag, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === tag) for (const e of Array.isArray(v) ? v : [v]) out.push(e as El);
      if (!k.startsWith('@_')) all(v, tag, out);
    }
  }
  return out;
}

const parse = (svg: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' }).parse(svg) as El;
const attr = (e: El, name: string) => e[`@_${name}`] as string | undefined;

test('the export is well-formed and says every title, Cyrillic included', () => {
  const d = doc();
  const { svg } = renderMapSvg(d);
  expect(xmlError(svg)).toBeNull();
  const texts = svgTexts(svg).map(squash);
  for (const id of ['s', 'a', 'b', 'join', 'send', 'reply', 'e']) expect(texts.some((t) => t.includes(squash(d.steps[id]!.title)))).toBe(true);
  // an untitled parallel split says nothing (no "Untitled step"): its plus is the whole mark
  expect(texts.filter((t) => t.includes('Untitled')).length).toBe(0);
});

test('an unnamed decision (an event-based gateway from another tool) is its diamond alone: no "Untitled step" in the picture', () => {
  const d = doc();
  d.steps.split = { ...d.steps.split!, kind: 'decision' };
  const { svg } = renderMapSvg(d);
  expect(xmlError(svg)).toBeNull();
  expect(svgTexts(svg).filter((t) => t.includes('Untitled'))).toEqual([]);
  const diamonds = all(parse(svg), 'polygon').filter((p) => attr(p, 'stroke') === '#2f80ed');
  expect(diamonds.length).toBeGreaterThanOrEqual(2);
  // a task without a name still says it wants one
  d.steps.a = { ...d.steps.a!, title: '' };
  expect(svgTexts(renderMapSvg(d).svg).filter((t) => t.includes('Untitled step'))).toHaveLength(1);
});

test('a parallel split/join: a bold plus inside its diamond, in the role colour', () => {
  const tree = parse(renderMapSvg(doc()).svg);
  const pluses = all(tree, 'path').filter((p) => attr(p, 'class') === 'lm-parallel-plus');
  expect(pluses).toHaveLength(2);
  const diamonds = all(tree, 'polygon').filter((p) => attr(p, 'stroke') === '#2f80ed');
  for (const plus of pluses) {
    expect(attr(plus, 'stroke')).toBe('#2f80ed');
    expect(Number(attr(plus, 'stroke-width'))).toBeGreaterThanOrEqual(3);
    // a horizontal and a vertical bar, crossing inside one of the diamonds
    const m = /^M([\d.]+) ([\d.]+)H([\d.]+)M([\d.]+) ([\d.]+)V([\d.]+)$/.exec(attr(plus, 'd')!)!;
    expect(m).not.toBeNull();
    const cx = Number(m[4]);
    const cy = Number(m[2]);
    const inside = diamonds.some((p) => {
      const pts = attr(p, 'points')!
        .split(' ')
        .map((xy) => xy.split(',').map(Number) as [number, number]);
      const xs = pts.map((q) => q[0]);
      const ys = pts.map((q) => q[1]);
      return cx > Math.min(...xs) && cx < Math.max(...xs) && cy > Math.min(...ys) && cy < Math.max(...ys);
    });
    expect(inside).toBe(true);
  }
});

test('an event: a double ring; a start a single thin ring; an end a thick one', () => {
  const tree = parse(renderMapSvg(doc()).svg);
  const rings = all(tree, 'rect').filter((r) => attr(r, 'class') === 'lm-inner-ring');
  // two events, each with an inner ring in its role's colour
  expect(rings.map((r) => attr(r, 'stroke')).sort()).toEqual(['#27ae60', '#2f80ed']);
  const outer = all(tree, 'rect').filter((r) => attr(r, 'rx') && ['#2f80ed', '#27ae60'].includes(attr(r, 'stroke')!) && attr(r, 'class') !== 'lm-inner-ring');
  const widths = outer.map((r) => Number(attr(r, 'stroke-width'))).sort();
  // start 2, two events 1.5, end 4
  expect(widths).toEqual([1.5, 1.5, 2, 4]);
});

test('trigger markers: what each event waits for or sends, filled when it sends', () => {
  const tree = parse(renderMapSvg(doc()).svg);
  const marks = all(tree, 'g').filter((g) => attr(g, 'class') === 'lm-trigger');
  const byTrigger = Object.fromEntries(marks.map((g) => [attr(g, 'data-trigger'), g]));
  expect(Object.keys(byTrigger).sort()).toEqual(['message', 'terminate', 'timer']);
  // the message is sent (filled), the timer awaited (outlined), the end's terminate sent
  expect(attr(byTrigger.message, 'data-throwing')).toBe('true');
  expect(attr(byTrigger.timer, 'data-throwing')).toBeUndefined();
  expect(attr(byTrigger.terminate, 'data-throwing')).toBe('true');
  const disc = (g: El) => all(g, 'circle')[0]!;
  expect(attr(disc(byTrigger.timer), 'fill')).toBe('#fff');
  expect(attr(disc(byTrigger.timer), 'stroke')).toBe('#27ae60');
  expect(attr(disc(byTrigger.message), 'fill')).not.toBe('#fff');
  // the clock's hands and the envelope's flap are drawn
  expect(all(byTrigger.timer, 'path').length).toBeGreaterThan(0);
  expect(all(byTrigger.message, 'rect').length).toBe(1);
});

test('a message flow: dashed, an open circle where it leaves and an open arrowhead where it arrives; other flows plain', () => {
  const { svg } = renderMapSvg(doc());
  const tree = parse(svg);
  const paths = all(tree, 'path');
  const messages = paths.filter((p) => attr(p, 'class') === 'lm-message');
  expect(messages).toHaveLength(1);
  const m = messages[0]!;
  expect(attr(m, 'stroke-dasharray')).toMatch(/^\d+ \d+$/);
  expect(attr(m, 'marker-start')).toBe('url(#lm-message-start)');
  expect(attr(m, 'marker-end')).toBe('url(#lm-message-end)');
  const markers = Object.fromEntries(all(tree, 'marker').map((k) => [attr(k, 'id'), k]));
  // open: filled white, outlined
  expect(attr(all(markers['lm-message-start'], 'circle')[0]!, 'fill')).toBe('#fff');
  expect(attr(all(markers['lm-message-end'], 'path')[0]!, 'fill')).toBe('#fff');
  expect(paths.filter((p) => attr(p, 'marker-end') === 'url(#lm-arrow)')).toHaveLength(7);
  // a map without message flows has no message markers at all
  const plain = doc();
  delete plain.flows['f-send-reply']!.message;
  expect(renderMapSvg(plain).svg).not.toContain('lm-message');
});

test('drawn by resvg: the plus is ink at the diamond centre, the inner ring ink inside the event', () => {
  const { svg, width, height } = renderMapSvg(doc());
  const tree = parse(svg);
  const shift = all(tree, 'g')
    .map((g) => /^translate\(([-\d.]+) ([-\d.]+)\)$/.exec(attr(g, 'transform') ?? ''))
    .find((m) => m !== null)!;
  const [tx, ty] = [Number(shift[1]), Number(shift[2])];
  const img = new Resvg(svg, { fitTo: { mode: 'original' } }).render();
  expect([img.width, img.height]).toEqual([width, height]);
  const px = img.pixels;
  const at = (x: number, y: number) => {
    const i = (Math.round(y + ty) * img.width + Math.round(x + tx)) * 4;
    return [px[i]!, px[i + 1]!, px[i + 2]!];
  };
  const isBlue = ([r, g, b]: number[]) => b! > 180 && r! < 120 && g! < 170;
  const plus = all(tree, 'path').find((p) => attr(p, 'class') === 'lm-parallel-plus')!;
  const m = /^M([\d.]+) ([\d.]+)H([\d.]+)M([\d.]+)/.exec(attr(plus, 'd')!)!;
  expect(isBlue(at(Number(m[4]), Number(m[2])))).toBe(true);
  const ring = all(tree, 'rect').find((r) => attr(r, 'class') === 'lm-inner-ring' && attr(r, 'stroke') === '#2f80ed')!;
  const rx = Number(attr(ring, 'x')) + Number(attr(ring, 'width')) / 2;
  const ry = Number(attr(ring, 'y'));
  expect(isBlue(at(rx, ry))).toBe(true);
  // between the two rings: white
  expect(at(rx, ry - 2.2)).toEqual([255, 255, 255]);
});
