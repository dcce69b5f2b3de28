/**
 * The language of every CLI export (issue 14): `--lang ru|en` for every format, by default the
 * map's own (mostly Cyrillic → Russian), else the system's; the words are the app's (one shared
 * set, shared/export/words.ts), never English labels on a Russian map.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseCsv } from '../../shared/export/csv';
import { toLanemapJson } from '../../shared/export/lanemapJson';
import { main } from '../../src-main/cli/main';
import { salesMap } from '../support/builders';
import { removeTempDirs, tempDir } from '../support/library';

afterAll(() => removeTempDirs());
const dir = tempDir();

async function run(...args: string[]) {
  const err: string[] = [];
  const code = await main(args, { out: () => {}, err: (l) => err.push(l) });
  return { code, err: err.join('\n') };
}

/** The texts an SVG shows (its <text> and <tspan> contents). */
function svgTexts(svg: string): string {
  return [...svg.matchAll(/<(?:text|tspan)[^>]*>([^<]*)</g)].map((m) => m[1]).join(' | ');
}

function mapFile(name: string, doc = salesMap('x')) {
  const file = path.join(dir, `${name}.lanemap.json`);
  doc.steps['x-qualify']!.duration = { value: 3, unit: 'd' };
  doc.steps['x-qualify']!.phaseId = null;
  doc.owner = 'Owner Name';
  fs.writeFileSync(file, toLanemapJson(doc, { exportedAt: '2026-03-01T00:00:00Z', app: 'test' }));
  return file;
}

const english = () => {
  const d = salesMap('x');
  d.title = 'Sales funnel';
  const names = ['Request received', 'Qualify the lead', 'Approve the discount', 'Client agrees?', 'Deal closed'];
  Object.values(d.steps).forEach((s, i) => (s.title = names[i]!));
  Object.values(d.roles).forEach((r, i) => (r.name = ['Sales manager', 'Client', 'Head of sales'][i]!));
  return d;
};

describe('lanemap export --lang', () => {
  test('given --lang ru on an English map, then the CSV and the SVG say it in Russian', async () => {
    const file = mapFile('en-map', english());
    const csv = path.join(dir, 'ru.csv');
    expect((await run('export', file, '--format', 'csv', '--lang', 'ru', '--out', csv)).code).toBe(0);
    const rows = parseCsv(fs.readFileSync(csv, 'utf8'), ';');
    expect(rows[0]!.slice(0, 4)).toEqual(['№', 'Этап', 'Роль', 'Тип']);
    const qualify = rows.find((r) => r[4] === 'Qualify the lead')!;
    expect(qualify.slice(9, 11)).toEqual(['3 дн', '1440']);
    expect(qualify[3]).toBe('Задача');
    const svg = path.join(dir, 'ru.svg');
    expect((await run('export', file, '--format', 'svg', '--lang', 'ru', '--details', '--out', svg)).code).toBe(0);
    const texts = svgTexts(fs.readFileSync(svg, 'utf8'));
    expect(texts).toMatch(/Обновлено/);
    expect(texts).toContain('Владелец: Owner Name');
    expect(texts).toContain('3 дн');
    expect(texts).toContain('Роли');
    expect(texts).not.toMatch(/Updated|Owner:|\b3 d\b|Roles/);
  });

  test('given --lang en on a Russian map, then the CSV and the SVG say it in English', async () => {
    const file = mapFile('ru-map');
    const csv = path.join(dir, 'en.csv');
    expect((await run('export', file, '--format', 'csv', '--lang', 'en', '--out', csv)).code).toBe(0);
    const rows = parseCsv(fs.readFileSync(csv, 'utf8'), ',');
    expect(rows[0]!.slice(0, 4)).toEqual(['No.', 'Phase', 'Role', 'Kind']);
    expect(rows.find((r) => r[4] === 'Квалификация лида')!.slice(9, 11)).toEqual(['3 d', '1440']);
    const svg = path.join(dir, 'en.svg');
    expect((await run('export', file, '--format', 'svg', '--lang', 'en', '--out', svg)).code).toBe(0);
    const texts = svgTexts(fs.readFileSync(svg, 'utf8'));
    expect(texts).toMatch(/Updated/);
    expect(texts).toContain('Roles');
    expect(texts).not.toMatch(/Обновлено|Роли/);
  });

  test('given no --lang, then a Russian map exports in Russian and an English one in English', async () => {
    const ruCsv = path.join(dir, 'auto-ru.csv');
    expect((await run('export', mapFile('auto-ru'), '--format', 'csv', '--out', ruCsv)).code).toBe(0);
    expect(fs.readFileSync(ruCsv, 'utf8').split('\r\n')[0]).toMatch(/^\uFEFF№;Этап;/);
    const enCsv = path.join(dir, 'auto-en.csv');
    expect((await run('export', mapFile('auto-en', english()), '--format', 'csv', '--out', enCsv)).code).toBe(0);
    expect(fs.readFileSync(enCsv, 'utf8').split('\r\n')[0]).toMatch(/^\uFEFFNo\.,Phase,/);
  });

  test('given a map without letters, then the system\'s language decides', async () => {
    const none = salesMap('x', { title: '2026' });
    Object.values(none.steps).forEach((s) => (s.title = '…'));
    Object.values(none.roles).forEach((r, i) => (r.name = String(i + 1)));
    const file = mapFile('digits', none);
    const saved = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL, LC_MESSAGES: process.env.LC_MESSAGES };
    try {
      delete process.env.LC_ALL;
      delete process.env.LC_MESSAGES;
      for (const [locale, head] of [
        ['ru_RU.UTF-8', /^\uFEFF№;/],
        ['en_US.UTF-8', /^\uFEFFNo\.,/],
      ] as const) {
        process.env.LANG = locale;
        const out = path.join(dir, `digits-${locale}.csv`);
        expect((await run('export', file, '--format', 'csv', '--out', out)).code).toBe(0);
        expect(fs.readFileSync(out, 'utf8')).toMatch(head);
      }
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  test('given --sep on the command line, then it wins over the language\'s separator', async () => {
    const out = path.join(dir, 'sep.csv');
    expect((await run('export', mapFile('sep'), '--format', 'csv', '--sep', ',', '--out', out)).code).toBe(0);
    const rows = parseCsv(fs.readFileSync(out, 'utf8'), ',');
    expect(rows[0]![0]).toBe('№');
    expect(rows[0]).toHaveLength(12);
  });
});
