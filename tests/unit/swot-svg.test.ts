/**
 * The SWOT board as an exported page (shared/export/swotSvg.ts): each note in its own quadrant
 * and order, long notes wrapped inside their quadrant, user text escaped, the steps a note is
 * about named under it, an empty board a page that says so; and the board's Alt+arrow moves.
 */
import { describe, expect, test } from 'vitest';
import { renderSwotSvg, SWOT_PAGE } from '../../shared/export/swotSvg';
import { applyCommand, cmd } from '../../shared/model/commands';
import type { MapDoc, SwotQuadrant } from '../../shared/model/types';
import { textWidth } from '../../shared/model/textMetrics';
import { SWOT_WORDS, swotByQuadrant, swotKeyMove } from '../../shared/views/swot';
import { svgToPng } from '../../src-main/export/png';
import { buildMap } from '../support/builders';
import { squash, svgTexts, xmlError } from '../support/exportSvg';

function board(notes: [SwotQuadrant, string, string[]?][]): MapDoc {
  let doc = buildMap({
    roles: [{ id: 'r', name: 'Менеджер' }],
    steps: [
      { id: 'a', role: 'r', title: 'Квалифицировать лид' },
      { id: 'b', role: 'r', title: 'Выставить счёт' },
    ],
  });
  notes.forEach(([quadrant, text, stepIds], i) => {
    doc = applyCommand(doc, cmd('addSwotNote', { id: `n${i}`, quadrant, text, stepIds }));
  });
  return doc;
}

/** The <g> of one quadrant in the page. */
function quadrant(svg: string, q: SwotQuadrant): string {
  const m = svg.match(new RegExp(`<g class="swot-quadrant" data-quadrant="${q}">([\\s\\S]*?)\\n</g>(?=\\n<g class="swot-quadrant"|\\n</svg>)`));
  if (!m) throw new Error(`no quadrant ${q}`);
  return m[1]!;
}

/** The notes of a quadrant as drawn, their wrapped lines joined again. */
function notesIn(svg: string, q: SwotQuadrant): string[] {
  return [...quadrant(svg, q).matchAll(/<g class="swot-note">([\s\S]*?)<\/g>\n?(?=<g class="swot-note">|$)/g)].map((m) => svgTexts(m[1]!.replace(/<g class="swot-steps">[\s\S]*$/, ''))[0]!);
}

describe('the SWOT board as an SVG page', () => {
  test('draws each note in its quadrant, in the board order, with the quadrant names in the language given', () => {
    const doc = board([
      ['strengths', 'Быстрый первый ответ'],
      ['weaknesses', 'Ручной расчёт КП'],
      ['strengths', 'Лояльные клиенты'],
      ['threats', 'Демпинг конкурентов'],
    ]);
    const { svg } = renderSwotSvg(doc, { words: SWOT_WORDS.ru, title: 'Продажи' });
    expect(xmlError(svg)).toBeNull();
    expect(notesIn(svg, 'strengths')).toEqual(['Быстрый первый ответ', 'Лояльные клиенты']);
    expect(notesIn(svg, 'weaknesses')).toEqual(['Ручной расчёт КП']);
    expect(notesIn(svg, 'opportunities')).toEqual([]);
    expect(notesIn(svg, 'threats')).toEqual(['Демпинг конкурентов']);
    const texts = svgTexts(svg);
    for (const name of ['Сильные стороны', 'Слабые стороны', 'Возможности', 'Угрозы']) expect(texts).toContain(name);
    // the empty quadrant says what belongs there; a board with notes is not called empty
    expect(svgTexts(quadrant(svg, 'opportunities')).slice(0, 2)).toEqual(['O', 'Возможности']);
    expect(squash(svgTexts(quadrant(svg, 'opportunities')).slice(2).join(' '))).toBe(squash(SWOT_WORDS.ru.hints.opportunities));
    expect(texts).not.toContain(SWOT_WORDS.ru.empty);
    // a move changes where the note is drawn
    const moved = applyCommand(doc, cmd('moveSwotNote', { id: 'n2', quadrant: 'opportunities', index: 0 }));
    const again = renderSwotSvg(moved, { words: SWOT_WORDS.ru }).svg;
    expect(notesIn(again, 'strengths')).toEqual(['Быстрый первый ответ']);
    expect(notesIn(again, 'opportunities')).toEqual(['Лояльные клиенты']);
  });

  test('wraps a long note inside its quadrant, and the page grows to hold it', () => {
    const long = 'Менеджеры тратят по два часа в день на ручной перенос заявок из почты в CRM, и часть заявок теряется. '.repeat(4).trim();
    const short = renderSwotSvg(board([['weaknesses', 'Коротко']]), { words: SWOT_WORDS.ru });
    const page = renderSwotSvg(board([['weaknesses', long]]), { words: SWOT_WORDS.ru });
    const note = quadrant(page.svg, 'weaknesses').match(/<g class="swot-note">([\s\S]*?)<\/g>/)![1]!;
    const lines = [...note.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]!);
    expect(lines.length).toBeGreaterThan(3);
    expect(squash(lines.join(''))).toBe(squash(long));
    const room = (page.width - 2 * SWOT_PAGE.margin - SWOT_PAGE.gap) / 2 - 2 * SWOT_PAGE.pad - SWOT_PAGE.bullet;
    for (const line of lines) expect(textWidth(line, SWOT_PAGE.noteSize, 400)).toBeLessThanOrEqual(room + 0.01);
    expect(page.height).toBeGreaterThan(short.height);
    expect(page.width).toBe(short.width);
  });

  test('escapes user text: markup in a note, the title or a step is shown as text', () => {
    const built = board([['threats', '<script>alert("x")</script> & «кавычки»', ['a']]]);
    const doc: MapDoc = { ...built, title: 'Карта <b>жирная</b>', steps: { ...built.steps, a: { ...built.steps.a!, title: 'Шаг </text><text>взлом' } } };
    const { svg } = renderSwotSvg(doc, { words: SWOT_WORDS.ru });
    expect(xmlError(svg)).toBeNull();
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<b>');
    const texts = svgTexts(svg);
    expect(texts).toContain('<script>alert("x")</script> & «кавычки»');
    expect(texts).toContain('Карта <b>жирная</b>');
    expect(texts).toContain('Шаги: Шаг </text><text>взлом');
  });

  test('names the steps a note is about under it, leaving out steps no longer in the map', () => {
    const doc = board([['weaknesses', 'Долгое согласование', ['a', 'b']]]);
    const named = svgTexts(quadrant(renderSwotSvg(doc, { words: SWOT_WORDS.ru }).svg, 'weaknesses'));
    expect(named).toContain('Шаги: Квалифицировать лид, Выставить счёт');
    const without = applyCommand(doc, cmd('deleteElements', { stepIds: ['b'], flowIds: [] }));
    expect(swotByQuadrant(without).weaknesses[0]!.stepIds).toEqual(['a']);
    expect(svgTexts(renderSwotSvg(without, { words: SWOT_WORDS.ru }).svg)).toContain('Шаги: Квалифицировать лид');
  });

  test('an empty board is a page that says it is empty, with the four quadrants and their hints', () => {
    const { svg, width, height } = renderSwotSvg(board([]), { words: SWOT_WORDS.ru, title: 'Продажи', subtitle: 'Обновлено 1 марта 2026' });
    expect(xmlError(svg)).toBeNull();
    const texts = svgTexts(svg);
    expect(texts).toContain('SWOT-доска этой карты пуста.');
    expect(texts).toContain('Продажи');
    expect(texts).toContain('Обновлено 1 марта 2026');
    for (const q of ['strengths', 'weaknesses', 'opportunities', 'threats'] as const) expect(svg).toContain(`data-quadrant="${q}"`);
    expect(svg).not.toContain('class="swot-note"');
    expect(width).toBeGreaterThan(1000);
    expect(height).toBeGreaterThan(300);
    // English by default
    expect(svgTexts(renderSwotSvg(board([])).svg)).toContain('The SWOT board of this map is empty.');
  });

  test('renders to a PNG of the page size (Cyrillic with the bundled Inter)', () => {
    const page = renderSwotSvg(board([['strengths', 'Сильная команда']]), { words: SWOT_WORDS.ru });
    const png = svgToPng(page.svg, page, { scale: 1 });
    expect(png.width).toBe(page.width);
    expect(png.height).toBe(page.height);
    expect(png.png.subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('moving a note with Alt+arrows', () => {
  const doc = board([
    ['strengths', 'S1'],
    ['strengths', 'S2'],
    ['weaknesses', 'W1'],
    ['opportunities', 'O1'],
  ]);
  test('up and down within the quadrant, then across into the one above or below', () => {
    expect(swotKeyMove(doc, 'n1', 'up')).toEqual({ quadrant: 'strengths', index: 0 });
    expect(swotKeyMove(doc, 'n0', 'up')).toBeNull();
    expect(swotKeyMove(doc, 'n0', 'down')).toEqual({ quadrant: 'strengths', index: 1 });
    expect(swotKeyMove(doc, 'n1', 'down')).toEqual({ quadrant: 'opportunities', index: 0 });
    expect(swotKeyMove(doc, 'n3', 'up')).toEqual({ quadrant: 'strengths', index: 2 });
    expect(swotKeyMove(doc, 'n3', 'down')).toBeNull();
  });
  test('left and right into the neighbouring quadrant, at its end', () => {
    expect(swotKeyMove(doc, 'n0', 'right')).toEqual({ quadrant: 'weaknesses', index: 1 });
    expect(swotKeyMove(doc, 'n0', 'left')).toBeNull();
    expect(swotKeyMove(doc, 'n2', 'left')).toEqual({ quadrant: 'strengths', index: 2 });
    expect(swotKeyMove(doc, 'n3', 'right')).toEqual({ quadrant: 'threats', index: 0 });
    expect(swotKeyMove(doc, 'missing', 'right')).toBeNull();
  });
});
