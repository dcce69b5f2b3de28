/**
 * `npx lanemap` and BPMN 2.0 (issue 11): `export --format bpmn` writes a file the BPMN XSDs
 * accept (checked with xmllint, libxml2's validator) naming every lane; `convert` reads a BPMN
 * file into a map written as json / svg, prints what became what to stderr in the chosen
 * language, and refuses a bad file with one readable line and exit code 1, writing nothing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseLanemapJson } from '../../shared/export/lanemapJson';
import { describeProblem } from '../../shared/interop/bpmn/summaryText';
import { NOT_BPMN_XML, SALE_BPMN, SALE_BPMN_LANES, SALE_BPMN_TASKS } from '../support/bpmnFixtures';
import { svgTexts, xmlError } from '../support/exportSvg';
import { removeTempDirs, tempDir } from '../support/library';

afterAll(() => removeTempDirs());

function lanemap(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/lanemap.mjs', ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** xmllint's verdict on `file` against the BPMN 2.0 XSDs bpmn-moddle ships. */
function validateXsd(file: string) {
  const r = spawnSync('xmllint', ['--noout', '--schema', 'node_modules/bpmn-moddle/resources/bpmn/xsd/BPMN20.xsd', file], { encoding: 'utf8' });
  return { ok: r.status === 0, message: r.stderr };
}

const dir = tempDir();
const saleFile = path.join(dir, 'Коммерческое предложение.bpmn');
fs.writeFileSync(saleFile, SALE_BPMN);

describe('lanemap export --format bpmn', () => {
  test('a template becomes a .bpmn file valid by the XSDs, with its lanes and steps', () => {
    const out = path.join(dir, 'продажи.bpmn');
    const r = lanemap('export', 'template:full-cycle.ru', '--format', 'bpmn', '--out', out, '--data-objects');
    expect(r.err).not.toMatch(/something went wrong/);
    expect(r.code).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toMatch(/<(bpmn:)?definitions\b/);
    const template = JSON.parse(fs.readFileSync('templates/full-cycle.ru.json', 'utf8')) as { roles?: { name: string }[] | Record<string, { name: string }> };
    for (const role of Object.values(template.roles ?? {})) expect(text).toContain(role.name);
    expect(validateXsd(out)).toEqual({ ok: true, message: expect.any(String) });
  });

  test('the format follows a .bpmn name; --hierarchy and drawing options are refused with a reason', () => {
    const none = path.join(dir, 'never.bpmn');
    const hierarchy = lanemap('export', 'template:process-landscape.ru', '--out', none, '--hierarchy');
    expect(hierarchy.code).toBe(1);
    expect(hierarchy.err).toMatch(/library/);
    const details = lanemap('export', 'template:sample-sales-map', '--out', none, '--details');
    expect(details.code).toBe(1);
    expect(details.err).toMatch(/drawings/);
    const dataObjects = lanemap('export', 'template:sample-sales-map', '--out', path.join(dir, 'x.svg'), '--data-objects');
    expect(dataObjects.code).toBe(1);
    expect(dataObjects.err).toMatch(/--format bpmn/);
    expect(fs.existsSync(none)).toBe(false);
  });

  test('the usage names both BPMN commands', () => {
    const r = lanemap('help');
    expect(r.out).toContain('--format svg|png|pdf|csv|json|xlsx|docx|bpmn');
    expect(r.out).toContain('lanemap convert <in.bpmn>');
  });
});

describe('lanemap convert', () => {
  test('a BPMN file from another tool becomes a .lanemap.json map with its lanes, steps and flows; the summary goes to stderr', () => {
    const out = path.join(dir, 'кп.lanemap.json');
    const r = lanemap('convert', saleFile, '--format', 'json', '--out', out);
    expect(r.err).not.toMatch(/something went wrong/);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/Kept:/);
    const parsed = parseLanemapJson(fs.readFileSync(out, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    const doc = parsed.doc;
    expect(Object.values(doc.roles).sort((a, b) => a.order - b.order).map((r) => r.name)).toEqual(SALE_BPMN_LANES);
    const steps = Object.values(doc.steps);
    expect(steps.filter((s) => s.kind === 'task').map((s) => s.title).sort()).toEqual([...SALE_BPMN_TASKS].sort());
    expect(steps.filter((s) => s.kind === 'decision')).toHaveLength(1);
    expect(steps.filter((s) => s.kind === 'start')).toHaveLength(1);
    expect(steps.filter((s) => s.kind === 'end')).toHaveLength(2);
    expect(Object.values(doc.flows).map((f) => f.label).sort()).toEqual(['', '', '', 'Да', 'Нет']);
  });

  test('to svg: the map drawn, its Cyrillic lanes and tasks readable; the summary in Russian with --lang ru', () => {
    const out = path.join(dir, 'кп.svg');
    const r = lanemap('convert', saleFile, '--out', out, '--lang', 'ru');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/Перенесено:/);
    const svg = fs.readFileSync(out, 'utf8');
    expect(xmlError(svg)).toBeNull();
    const texts = svgTexts(svg).join(' ');
    for (const name of [...SALE_BPMN_LANES, ...SALE_BPMN_TASKS]) expect(texts.replace(/\s+/g, '')).toContain(name.replace(/\s+/g, ''));
  });

  test('a template exported to BPMN and converted back is the same map, step for step', () => {
    const bpmn = path.join(dir, 'roundtrip.bpmn');
    const json = path.join(dir, 'roundtrip.lanemap.json');
    expect(lanemap('export', 'template:sample-sales-map', '--out', bpmn).code).toBe(0);
    expect(lanemap('convert', bpmn, '--out', json).code).toBe(0);
    const back = parseLanemapJson(fs.readFileSync(json, 'utf8'));
    const original = JSON.parse(fs.readFileSync('templates/sample-sales-map.json', 'utf8')) as { steps: Record<string, { title: string; kind: string }> };
    if (!back.ok) throw new Error(back.message);
    const titles = (steps: Record<string, { title: string; kind: string }>) => Object.values(steps).map((s) => `${s.kind}:${s.title}`).sort();
    expect(titles(back.doc.steps)).toEqual(titles(original.steps));
  });

  test.each([
    ['not XML', 'not xml.bpmn', 'this is { not } xml', ['not-xml']],
    ['XML that is not BPMN', 'лента.xml', NOT_BPMN_XML, ['not-bpmn', 'no-process']],
  ] as const)('%s: exit code 1, one line in the language asked for, nothing written', (_, name, content, problems) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    const out = path.join(dir, `${name}.lanemap.json`);
    const en = lanemap('convert', file, '--out', out);
    expect(en.code).toBe(1);
    expect(en.err.trim().split('\n')).toHaveLength(1);
    expect(problems.some((p) => en.err.includes(describeProblem(p, 'en')))).toBe(true);
    const ru = lanemap('convert', file, '--out', out, '--lang', 'ru');
    expect(ru.code).toBe(1);
    expect(problems.some((p) => ru.err.includes(describeProblem(p, 'ru')))).toBe(true);
    expect(ru.err.replace(file, '')).toMatch(/[а-яё]{4}/i);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a missing file, a folder, an unknown format: clear errors', () => {
    expect(lanemap('convert', path.join(dir, 'nope.bpmn'), '--out', path.join(dir, 'a.svg')).err).toMatch(/No such file/);
    expect(lanemap('convert', dir, '--out', path.join(dir, 'a.svg')).err).toMatch(/is a folder/);
    const csv = lanemap('convert', saleFile, '--out', path.join(dir, 'a.csv'));
    expect(csv.code).toBe(1);
    expect(csv.err).toMatch(/svg, png or json/);
  });
});
