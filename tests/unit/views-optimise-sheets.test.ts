/**
 * The optimisation toolkit in the tables and exports (issue 17): the step table's automation,
 * system, KPI and pain-point columns, the KPI and SWOT sheets, their CSV (Excel-readable
 * Cyrillic) and XLSX forms, `--view kpis|swot` on the command line, and a table sheet pasted
 * back still changing nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readingOrder } from '../../shared/export/svg';
import { applyCommand, cmd } from '../../shared/model/commands';
import type { MapDoc } from '../../shared/model/types';
import { sheetCsv } from '../../shared/views/csv';
import { kpiSheet, swotSheet } from '../../shared/views/optimise';
import { allViewSheets } from '../../shared/views/sheets';
import { tableSheet } from '../../shared/views/table';
import { planPaste } from '../../shared/views/tablePaste';
import { main } from '../../src-main/cli/main';
import { writeXlsx } from '../../src-main/export/xlsx';
import { toLanemapJson } from '../../shared/export/lanemapJson';
import { salesMap } from '../support/builders';
import { removeTempDirs, tempDir } from '../support/library';
import { readXlsx } from '../support/readXlsx';

afterAll(() => removeTempDirs());

/** The sales map with a phase KPI, step KPIs, automation, a system, pain points and a SWOT board. */
function optimisedMap(): MapDoc {
  let doc = salesMap();
  doc.phases['s-ph'] = { id: 's-ph', name: 'Квалификация', order: 0 };
  doc.steps['s-qualify']!.phaseId = 's-ph';
  const run = (c: ReturnType<typeof cmd>) => (doc = applyCommand(doc, c));
  run(
    cmd('setKpis', {
      target: { kind: 'phase', id: 's-ph' },
      kpis: [{ id: 'k1', name: 'Конверсия лид → сделка', unit: '%', target: 15, current: 12, better: 'higher' }],
    }),
  );
  run(
    cmd('setKpis', {
      target: { kind: 'step', id: 's-qualify' },
      kpis: [
        { id: 'k2', name: 'Время ответа на заявку', unit: 'ч', target: 2, current: 1.5, better: 'lower' },
        { id: 'k3', name: 'Доля звонков по скрипту', unit: '', target: null, current: null, better: 'higher' },
      ],
    }),
  );
  run(cmd('updateStep', { stepId: 's-qualify', patch: { automation: 'partial', system: 'CRM «Битрикс24»' } }));
  run(cmd('updateStep', { stepId: 's-offer', patch: { automation: 'auto', system: '1С' } }));
  doc = {
    ...doc,
    painPoints: {
      p1: { id: 'p1', stepId: 's-offer', kind: 'waiting', votes: 3, createdAt: '2026-01-01T00:00:00Z' },
      p2: { id: 'p2', stepId: 's-offer', kind: 'bottleneck', votes: 1, createdAt: '2026-01-01T00:00:00Z' },
    },
  };
  run(cmd('addSwotNote', { id: 'n1', quadrant: 'threats', text: 'Конкурент демпингует' }));
  run(cmd('addSwotNote', { id: 'n2', quadrant: 'strengths', text: 'Быстрый ответ <script>alert(1)</script>', stepIds: ['s-offer', 's-qualify'] }));
  run(cmd('addSwotNote', { id: 'n3', quadrant: 'strengths', text: '=1+1 формула?' }));
  return doc;
}

const row = (sheet: ReturnType<typeof tableSheet>, title: string) => sheet.rows.find((r) => r[0] === title)!;

describe('the step table’s optimisation columns', () => {
  test('automation, system, KPIs and pain points with votes, in Russian and in English', () => {
    const doc = optimisedMap();
    const ru = tableSheet(doc, 'ru');
    expect(ru.columns.slice(10).map((c) => c.header)).toEqual(['Автоматизация', 'Система', 'KPI', 'Проблемы, потери']);
    expect(row(ru, 'Квалификация лида').slice(10)).toEqual([
      'Частично автоматизирован',
      'CRM «Битрикс24»',
      'Время ответа на заявку: 1,5 ч / цель 2 ч; Доля звонков по скрипту: —',
      null,
    ]);
    expect(row(ru, 'Согласование скидки').slice(10)).toEqual(['Автоматизирован', '1С', null, 'Ожидание (3); Узкое место (1)']);
    // a start, an end or a decision is not work: no automation level
    expect(row(ru, 'Заявка поступила')[10]).toBeNull();
    expect(row(ru, 'Клиент согласен?')[10]).toBeNull();
    const en = tableSheet(doc, 'en');
    expect(en.columns.slice(10).map((c) => c.header)).toEqual(['Automation', 'System', 'KPIs', 'Pain points, wastes']);
    expect(row(en, 'Квалификация лида').slice(10, 13)).toEqual([
      'Partly automated',
      'CRM «Битрикс24»',
      'Время ответа на заявку: 1.5 ч / target 2 ч; Доля звонков по скрипту: —',
    ]);
    expect(row(en, 'Согласование скидки')[13]).toBe('Waiting (3); Bottleneck (1)');
  });

  test('the sheet with its new columns pasted back changes nothing and names no column as ignored', () => {
    const doc = optimisedMap();
    for (const lang of ['ru', 'en'] as const) {
      const sheet = tableSheet(doc, lang);
      const tsv = [sheet.columns.map((c) => c.header), ...sheet.rows].map((r) => r.map((c) => String(c ?? '')).join('\t')).join('\r\n');
      const plan = planPaste(
        doc,
        tsv.split('\r\n').map((l) => l.split('\t')),
        {
          rowStepIds: readingOrder(doc).map((s) => s.id),
          row: 0,
          column: 0,
          lang,
          headers: 'detect',
          defaultRoleId: 's-manager',
          defaultPhaseId: null,
        },
      );
      expect(plan.errors).toEqual([]);
      expect(plan.ignored).toEqual([]);
      expect(plan.updates).toEqual([]);
      expect(plan.adds).toEqual([]);
    }
  });
});

describe('the KPI sheet', () => {
  test('the phases’ KPIs, then the steps’, numbers as numbers, with direction and status', () => {
    const doc = optimisedMap();
    const ru = kpiSheet(doc, 'ru');
    expect(ru.name).toBe('KPI');
    expect(ru.columns.map((c) => c.header)).toEqual(['Этап или шаг', 'Где', 'KPI', 'Единица', 'Цель', 'Сейчас', 'Лучше', 'Статус']);
    expect(ru.rows).toEqual([
      ['Этап', 'Квалификация', 'Конверсия лид → сделка', '%', 15, 12, 'больше', 'цель не достигнута'],
      ['Шаг', 'Квалификация лида', 'Время ответа на заявку', 'ч', 2, 1.5, 'меньше', 'цель достигнута'],
      ['Шаг', 'Квалификация лида', 'Доля звонков по скрипту', null, null, null, 'больше', 'нет цели или значения'],
    ]);
    expect(kpiSheet(doc, 'en').rows[0]).toEqual(['Phase', 'Квалификация', 'Конверсия лид → сделка', '%', 15, 12, 'higher', 'off target']);
  });

  test('a map without KPIs gives the headers only', () => {
    expect(kpiSheet(salesMap(), 'ru').rows).toEqual([]);
  });
});

describe('the SWOT sheet', () => {
  test('quadrant by quadrant in board order, notes as text, linked steps by title in reading order', () => {
    const doc = optimisedMap();
    const ru = swotSheet(doc, 'ru');
    const linked = readingOrder(doc)
      .filter((s) => s.id === 's-offer' || s.id === 's-qualify')
      .map((s) => s.title)
      .join('; ');
    expect(ru.columns.map((c) => c.header)).toEqual(['Квадрант', 'Заметка', 'Связанные шаги']);
    expect(ru.rows).toEqual([
      ['Сильные стороны', 'Быстрый ответ <script>alert(1)</script>', linked],
      ['Сильные стороны', '=1+1 формула?', null],
      ['Угрозы', 'Конкурент демпингует', null],
    ]);
    expect(swotSheet(doc, 'en').rows[2]![0]).toBe('Threats');
  });

  test('as CSV: UTF-8 with BOM and CRLF, a formula-like note neutralised, Cyrillic intact', () => {
    const csv = sheetCsv(swotSheet(optimisedMap(), 'ru'));
    expect(csv.startsWith('\uFEFFКвадрант,Заметка,Связанные шаги\r\n')).toBe(true);
    expect(csv).toContain("Сильные стороны,'=1+1 формула?,\r\n");
    expect(csv).toContain('Угрозы,Конкурент демпингует,\r\n');
  });
});

describe('the workbook and the command line', () => {
  test('the workbook ends with the KPI and SWOT sheets, KPI figures as numbers', async () => {
    const book = await readXlsx(await writeXlsx(allViewSheets(optimisedMap(), 'ru')));
    expect(book.map((s) => s.name)).toEqual(['Таблица', 'RACI', 'SIPOC', 'Ресурсы', 'KPI', 'SWOT']);
    expect(book[4]!.rows[1]).toEqual(['Шаг', 'Квалификация лида', 'Время ответа на заявку', 'ч', 2, 1.5, 'меньше', 'цель достигнута']);
    expect(book[5]!.rows.map((r) => r[0])).toEqual(['Сильные стороны', 'Сильные стороны', 'Угрозы']);
    expect(book[5]!.formulas).toEqual([]);
  });

  test('`--view kpis` and `--view swot` write those lists as CSV; in xlsx, that sheet only', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'Воронка.lanemap.json');
    fs.writeFileSync(file, toLanemapJson(optimisedMap(), { exportedAt: '2026-01-01T00:00:00Z', app: 'test' }));
    const quiet = { out: () => undefined, err: (l: string) => expect.fail(l) };
    const kpis = path.join(dir, 'kpi.csv');
    expect(await main(['export', file, '--format', 'csv', '--view', 'kpis', '--out', kpis], quiet)).toBe(0);
    const text = fs.readFileSync(kpis, 'utf8');
    expect(text.startsWith('\uFEFFЭтап или шаг,Где,KPI,')).toBe(true);
    expect(text).toContain('Этап,Квалификация,Конверсия лид → сделка,%,15,12,больше,цель не достигнута\r\n');
    const swot = path.join(dir, 'swot.csv');
    expect(await main(['export', file, '--view', 'SWOT', '--lang', 'en', '--out', swot], quiet)).toBe(0);
    expect(fs.readFileSync(swot, 'utf8')).toContain('Threats,Конкурент демпингует,\r\n');
    const xlsx = path.join(dir, 'kpi.xlsx');
    expect(await main(['export', file, '--view', 'kpis', '--out', xlsx], quiet)).toBe(0);
    expect((await readXlsx(fs.readFileSync(xlsx))).map((s) => s.name)).toEqual(['KPI']);
  });
});
