/**
 * The process document (регламент, issue 14) as a Word file: written by the CLI and by the call
 * the app makes, then read back with mammoth (a reader no one here wrote): its headings, the
 * numbered step table in reading order with next steps by number, Cyrillic intact, the RACI and
 * SIPOC, the map's pictures, the appendix; in Russian and in English; bad input kept as text.
 */
import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { afterAll, describe, expect, test } from 'vitest';
import { numberSteps } from '../../shared/document/numbering';
import { loadMap, main } from '../../src-main/cli/main';
import { processDocumentDocx } from '../../src-main/export/docx';
import { dispatchAsync } from '../../src-main/services/dispatch';
import { salesMap } from '../support/builders';
import { openTempLibrary, removeTempDirs, tempDir } from '../support/library';

afterAll(() => removeTempDirs());
const dir = tempDir();
const ru = loadMap('template:full-cycle.ru');

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The document as mammoth reads it: plain text, HTML, the h1/h2 headings, and the tables as cell texts. */
async function read(buffer: Buffer) {
  const [{ value: text }, { value: html }] = await Promise.all([mammoth.extractRawText({ buffer }), mammoth.convertToHtml({ buffer })]);
  const strip = (s: string) =>
    s
      .replace(/<\/p><p>/g, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .trim();
  const headings = [...html.matchAll(/<h([12])>(.*?)<\/h\1>/g)].map((m) => `h${m[1]} ${strip(m[2]!)}`);
  const tables = [...html.matchAll(/<table>(.*?)<\/table>/g)].map((t) => [...t[1]!.matchAll(/<tr>(.*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((c) => strip(c[1]!))));
  return { text, html, headings, tables, images: (html.match(/<img /g) ?? []).length };
}

describe('the process document from the command line', () => {
  test('given a Russian map, when exported as docx, then Word sees its headings, the step table in reading order, the RACI and the pictures', async () => {
    const out = path.join(dir, 'регламент.docx');
    const r = await run('export', 'template:full-cycle.ru', '--format', 'docx', '--out', out);
    expect(r).toMatchObject({ code: 0, err: '' });
    const doc = await read(fs.readFileSync(out));
    expect(doc.text).toContain('Регламент процесса');
    expect(doc.text).toContain(ru.title);
    expect(doc.headings).toEqual(
      expect.arrayContaining(['h1 1. Карта процесса', 'h1 2. Роли и их обязанности', 'h1 3. Этапы', 'h1 4. Шаги процесса', 'h1 5. Ответственность (RACI)', 'h1 Приложение', 'h2 Открытые комментарии']),
    );
    // the step table: its header, then (after each phase's heading row) one row per step, numbered in reading order
    const steps = doc.tables.find((t) => t[0]?.[0] === '№')!;
    expect(steps[0]).toEqual(['№', 'Шаг', 'Роль', 'Входы', 'Выходы', 'Ресурсы', 'Длительность', 'Следующие шаги']);
    const rows = steps.slice(1).filter((row) => row.length === 8);
    const order = numberSteps(ru).steps;
    expect(rows.map((row) => row[0])).toEqual(order.map((_, i) => String(i + 1)));
    // Cyrillic intact: each row's first line is the step's own title, and its role's name
    expect(rows.map((row) => row[1]!.split('\n')[0])).toEqual(order.map((s) => s.title));
    expect(rows.map((row) => row[2])).toEqual(order.map((s) => ru.roles[s.roleId]!.name));
    // the phases as heading rows spanning the table
    const groups = steps.slice(1).filter((row) => row.length === 1).map((row) => row[0]);
    expect(groups).toEqual(Object.values(ru.phases).sort((a, b) => a.order - b.order).map((p) => p.name));
    // next steps by number: every number names a step that the map's flows lead to
    const no = new Map(order.map((s, i) => [s.id, i + 1]));
    for (const s of order) {
      const want = Object.values(ru.flows).filter((f) => f.fromStepId === s.id).map((f) => no.get(f.toStepId)!).sort((a, b) => a - b);
      const got = (rows[no.get(s.id)! - 1]![7]!.match(/\d+/g) ?? []).map(Number).filter((n) => n <= order.length);
      expect(got.slice(0, want.length)).toEqual(want);
    }
    // the RACI: a column per role and an R in each performed step's row
    const raci = doc.tables.find((t) => t[0]?.[0] === 'Шаг' && t[0]?.includes('Отвечает (A)'))!;
    expect(raci[0]).toEqual(expect.arrayContaining(Object.values(ru.roles).map((r) => r.name)));
    expect(raci.slice(1).every((row) => row.some((c) => c === 'R' || c === 'R/A'))).toBe(true);
    // a map too wide for a page: an overview and readable parts, each captioned
    expect(doc.images).toBeGreaterThan(2);
    expect(doc.text).toMatch(/Часть 1 из \d+: ряд 1, столбец 1/);
  });

  test('given --lang en on a Russian map, then the document is in English with the map\'s own names', async () => {
    const out = path.join(dir, 'en.docx');
    expect((await run('export', 'template:full-cycle.ru', '--format', 'docx', '--lang', 'en', '--out', out)).code).toBe(0);
    const doc = await read(fs.readFileSync(out));
    expect(doc.text).toContain('Process document');
    expect(doc.headings).toEqual(expect.arrayContaining(['h1 1. Map of the process', 'h1 4. Steps', 'h1 5. Responsibilities (RACI)', 'h1 Appendix']));
    expect(doc.text).not.toContain('Регламент');
    const steps = doc.tables.find((t) => t[0]?.[0] === 'No.')!;
    expect(steps[0]).toEqual(['No.', 'Step', 'Role', 'Inputs', 'Outputs', 'Resources', 'Duration', 'Next steps']);
    expect(doc.text).toContain(Object.values(ru.steps)[0]!.title);
  });

  test('given bad input in the map (markup in the title, a 10,000-character step), then it is shown as text; open comments and pain points are the appendix', async () => {
    const d = salesMap('b');
    d.title = '<script>alert(1)</script> Воронка';
    d.steps['b-offer']!.title = 'Я'.repeat(10_000);
    d.owner = 'Анна Смирнова';
    d.purpose = 'training';
    d.comments = {
      c1: { id: 'c1', targetKind: 'step', targetId: 'b-qualify', parentId: null, author: 'Иван', text: 'Кто звонит клиенту?', createdAt: '2026-03-01T10:00:00Z', resolvedAt: null, resolvedBy: null },
      c2: { id: 'c2', targetKind: 'step', targetId: 'b-qualify', parentId: 'c1', author: 'Анна', text: 'Менеджер, в течение часа.', createdAt: '2026-03-01T11:00:00Z', resolvedAt: null, resolvedBy: null },
      c3: { id: 'c3', targetKind: 'map', targetId: null, parentId: null, author: 'Пётр', text: 'Решённый вопрос', createdAt: '2026-03-01T12:00:00Z', resolvedAt: '2026-03-02T12:00:00Z', resolvedBy: 'Пётр' },
    };
    d.painPoints = { p1: { id: 'p1', stepId: 'b-qualify', kind: 'bottleneck', votes: 3, createdAt: '2026-03-01T10:00:00Z' } };
    // the model refuses such a title at import; the writer still keeps it whole, as text
    const doc = await read(await processDocumentDocx(d, 'ru'));
    expect(doc.html).not.toContain('<script>');
    expect(doc.text).toContain('<script>alert(1)</script> Воронка');
    expect(doc.text).toContain('Я'.repeat(10_000));
    const facts = doc.tables[0]!;
    expect(facts).toEqual(expect.arrayContaining([['Цель', 'Обучение'], ['Владелец', 'Анна Смирнова'], ['Статус', 'Черновик']]));
    // the appendix: the open thread with its reply, not the resolved one; the pain point with its votes
    const comments = doc.tables.find((t) => t[0]?.[0] === 'К чему')!;
    expect(comments).toHaveLength(2);
    expect(comments[1]![0]).toBe('Шаг 2\nКвалификация лида');
    expect(comments[1]![1]).toContain('Иван');
    expect(comments[1]![1]).toContain('Кто звонит клиенту?');
    expect(comments[1]![1]).toContain('Ответ. Анна');
    expect(doc.text).not.toContain('Решённый вопрос');
    expect(doc.tables.find((t) => t[0]?.[0] === 'Шаг' && t[0]?.[1] === 'Проблема')!.slice(1)).toEqual([['2. Квалификация лида', 'Узкое место', '3']]);
  });

  test('given an empty map, then the document says so instead of an empty picture or table', async () => {
    const d = salesMap('z', { steps: [], flows: [] });
    const doc = await read(await processDocumentDocx(d, 'en'));
    expect(doc.images).toBe(0);
    expect(doc.text).toContain('The map has no steps yet.');
  });
});

describe('document:docx, the call the app makes', () => {
  const lib = openTempLibrary();
  afterAll(() => lib.close());

  test('given the map as the editor has it, then the answer is the Word file, in the language asked for', async () => {
    const d = salesMap('c');
    d.title = 'Воронка — правка ещё не сохранена';
    const reply = await dispatchAsync(lib.services, 'document:docx', { doc: d, lang: 'ru' });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const doc = await read(Buffer.from((reply.value as { content: string }).content, 'base64'));
    expect(doc.text).toContain('Воронка — правка ещё не сохранена');
    expect(doc.headings).toContain('h1 4. Шаги процесса');
    expect(doc.images).toBeGreaterThanOrEqual(1);
  });

  test('given a damaged map, then a readable refusal and no file', async () => {
    const reply = await dispatchAsync(lib.services, 'document:docx', { doc: { ...salesMap('d'), steps: { x: { id: 'x' } } }, lang: 'ru' });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('bad-input');
  });
});
