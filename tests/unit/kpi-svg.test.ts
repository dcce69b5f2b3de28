/** KPI badges and automation marks in the exported SVG (and so the PNG and the CLI's pictures), and their key. */
import { describe, expect, test } from 'vitest';
import { detailHeights, renderMapSvg } from '../../shared/export/svg';
import type { Kpi, MapDoc } from '../../shared/model/types';
import { salesMap } from '../support/builders';
import { svgTexts, xmlError } from '../support/exportSvg';
import { textWidth } from '../../shared/model/textMetrics';

const kpi = (id: string, name: string, target: number | null, current: number | null, unit = '%', better: Kpi['better'] = 'higher'): Kpi => ({
  id,
  name,
  unit,
  target,
  current,
  better,
});

function withMarks(): MapDoc {
  const doc = salesMap('s', { phases: [{ id: 'p1', name: 'Квалификация', order: 0 }] });
  for (const s of Object.values(doc.steps)) s.phaseId = 'p1';
  doc.phases.p1!.kpis = [kpi('k1', 'Конверсия лид → сделка', 15, 12)];
  doc.steps['s-qualify']!.kpis = [kpi('k2', 'Время ответа на заявку', 2, 1.5, 'ч', 'lower'), kpi('k3', 'Звонков в день', null, 40, 'шт.')];
  doc.steps['s-offer']!.automation = 'auto';
  doc.steps['s-offer']!.system = 'CRM';
  return doc;
}

/** The badges drawn: status and the text inside, in drawing order. */
function badges(svg: string): { status: string; text: string }[] {
  return [...svg.matchAll(/<g class="lm-kpi" data-status="(\w+)">([\s\S]*?)<\/g>/g)].map((m) => ({ status: m[1]!, text: svgTexts(m[2]!).join(' ') }));
}

describe('KPI and automation marks in the SVG export', () => {
  test('given a phase KPI off target and step KPIs on target and unknown, when exported, then each badge shows its value in its status colour and mark', () => {
    const { svg } = renderMapSvg(withMarks(), { legend: true, formatNumber: (n) => String(n).replace('.', ',') });
    expect(xmlError(svg)).toBeNull();
    expect(badges(svg)).toEqual([
      { status: 'missed', text: '12 %' },
      { status: 'met', text: '1,5 ч' },
      { status: 'unknown', text: '40 шт.' },
    ]);
    // red with a cross, green with a tick, grey with a dash: colour is not the only signal
    expect(svg).toMatch(/data-status="missed"><title>[^<]*<\/title><rect [^>]*fill="#ffe3e3" stroke="#c92a2a"\/><use xlink:href="#lm-kpi-missed"/);
    expect(svg).toMatch(/data-status="met"><title>[^<]*<\/title><rect [^>]*fill="#e6f4ea" stroke="#2b8a3e"\/><use xlink:href="#lm-kpi-met"/);
    expect(svg).toMatch(/data-status="unknown"><title>[^<]*<\/title><rect [^>]*stroke="#aeb5c1"\/><use xlink:href="#lm-kpi-unknown"/);
    expect(svg).toContain('<title>Конверсия лид → сделка: 12 % (target 15 %)</title>');
    expect(svg).toContain('<symbol id="lm-kpi-met"');
  });

  test('given an automated step with its system, when exported, then it carries the automation mark with the system in its title', () => {
    const { svg } = renderMapSvg(withMarks());
    expect(svg.match(/class="lm-automation" data-automation="auto"/g)).toHaveLength(1);
    expect(svg).toContain('<title>Automated step: CRM</title>');
    expect(svg).not.toContain('data-automation="partial"');
  });

  test('given marks, when exported with a legend, then the key lists the KPI statuses and the automation levels shown, in the labels given', () => {
    const doc = withMarks();
    doc.steps['s-decide']!.automation = 'partial';
    const { svg } = renderMapSvg(doc, {
      legend: true,
      labels: { marks: 'Обозначения', kpiMet: 'KPI: цель достигнута', kpiMissed: 'KPI: цель не достигнута', kpiUnknown: 'KPI без цели', automated: 'Автоматизирован', partlyAutomated: 'Частично' },
    });
    const key = svg.slice(svg.indexOf('<g class="lm-marks-legend">'));
    expect(svgTexts(key)).toEqual(['Обозначения', 'KPI: цель достигнута', 'KPI: цель не достигнута', 'KPI без цели', 'Автоматизирован', 'Частично']);
  });

  test('given a map without KPIs or automation, when exported with a legend, then there is no key of marks and no badge', () => {
    const plain = salesMap();
    const { svg } = renderMapSvg(plain, { legend: true });
    expect(svg).not.toContain('lm-marks-legend');
    expect(svg).not.toContain('lm-kpi');
    expect(svg).not.toContain('lm-automation');
    // only automation: the key has the automation entry and no KPI statuses
    plain.steps['s-offer']!.automation = 'partial';
    const only = renderMapSvg(plain, { legend: true }).svg;
    expect(only).toContain('lm-marks-legend');
    expect(svgTexts(only)).toContain('Partly automated step');
    expect(svgTexts(only)).not.toContain('KPI on target');
  });

  test('given marks only on steps left out of a partial export, when exported, then neither badges nor key are drawn', () => {
    const doc = withMarks();
    delete doc.phases.p1!.kpis;
    const { svg } = renderMapSvg(doc, { legend: true, stepIds: ['s-decide', 's-won'] });
    expect(svg).not.toContain('lm-marks-legend');
    expect(badges(svg)).toEqual([]);
  });

  test('given script-like text in a KPI name, unit and system, when exported, then it stays text', () => {
    const doc = withMarks();
    doc.steps['s-qualify']!.kpis = [kpi('k9', '<script>alert(1)</script>', 1, 2, '<b>')];
    doc.steps['s-offer']!.system = '"><script>x</script>';
    const { svg } = renderMapSvg(doc, { legend: true });
    expect(xmlError(svg)).toBeNull();
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(badges(svg).find((b) => b.status === 'met')!.text).toBe('2 <b>');
  });

  test('given a KPI without a current value, when exported, then its grey badge shows the target, or only its dash without one', () => {
    const doc = withMarks();
    doc.steps['s-qualify']!.kpis = [kpi('a', 'Время ответа', 2, null, 'ч', 'lower'), kpi('b', 'Без цифр', null, null, '')];
    const drawn = badges(renderMapSvg(doc, { labels: { target: 'цель' } }).svg).slice(1);
    expect(drawn).toEqual([
      { status: 'unknown', text: 'цель 2 ч' },
      { status: 'unknown', text: '' },
    ]);
  });

  test('given a long phase name, when exported, then the phase badge follows the name inside its header without covering it', () => {
    const doc = withMarks();
    doc.phases.p1!.name = 'Квалификация входящих заявок и первичный контакт с клиентом по телефону и почте';
    const { svg } = renderMapSvg(doc);
    const header = /<rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="44" fill="#fff"\/>/.exec(svg)!.slice(1).map(Number);
    const badge = /data-status="missed"><title>[^<]*<\/title><rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)"/.exec(svg)!.slice(1).map(Number);
    const [hx, hy, hw] = header as [number, number, number];
    const [bx, by, bw] = badge as [number, number, number];
    expect(bx + bw).toBeLessThanOrEqual(hx + hw);
    expect(by).toBeGreaterThan(hy);
    expect(by + 19).toBeLessThan(hy + 44);
    // the name ends before the badge: its longest line's right edge
    const nameText = svgTexts(svg).find((t) => t.startsWith('Квалификация входящих'))!;
    expect(nameText.replace(/\s+/g, ' ')).toBe(doc.phases.p1!.name);
    const m = /<text x="([\d.-]+)" y="[\d.-]+" font-size="([\d.]+)" font-weight="600"[^>]*>((?:(?!<\/text>).)*Квалификация входящих(?:(?!<\/text>).)*)<\/text>/.exec(svg)!;
    const lines = m[3]!.split('</tspan>').map((l) => l.replace(/<[^>]*>/g, '')).filter(Boolean);
    const nameRight = Number(m[1]) + Math.max(...lines.map((l) => textWidth(l, Number(m[2]), 600)));
    expect(bx).toBeGreaterThanOrEqual(nameRight);
  });

  test('given details, when exported, then a card with marks is drawn (and laid out) taller so the badges cover none of its lists', () => {
    const doc = withMarks();
    const plain = structuredClone(doc);
    delete plain.steps['s-qualify']!.kpis;
    delete plain.steps['s-offer']!.automation;
    const withBadges = detailHeights(doc).get('s-qualify')!;
    expect(withBadges).toBe(detailHeights(plain).get('s-qualify')! + 12);
    // the badge's top is under the last line of the lists
    const { svg } = renderMapSvg(doc, { details: true });
    const badgeTop = Number(/data-status="met"><title>[^<]*<\/title><rect x="[\d.-]+" y="([\d.-]+)"/.exec(svg)![1]);
    const lastLine = [...svg.matchAll(/<text x="[\d.-]+" y="([\d.-]+)" font-size="11"[^>]*>[^<]*Скрипт звонка/g)].map((m) => Number(m[1]));
    expect(lastLine).toHaveLength(1);
    expect(badgeTop).toBeGreaterThan(lastLine[0]! + 3);
  });

  test('given more KPIs than fit on a card, when exported, then two badges and "+N" are drawn', () => {
    const doc = withMarks();
    doc.steps['s-qualify']!.kpis = ['a', 'b', 'c', 'd'].map((id, i) => kpi(id, `KPI ${id}`, 10, i));
    const { svg } = renderMapSvg(doc);
    expect(badges(svg).filter((b) => b.text !== '12 %')).toHaveLength(2);
    expect(svgTexts(svg)).toContain('+2');
  });

  test('given long values, when exported, then a badge stays within its card', () => {
    const doc = withMarks();
    doc.steps['s-qualify']!.kpis = [kpi('k', 'Выручка', 1e9, 123456789.25, 'руб. в месяц с НДС')];
    const { svg } = renderMapSvg(doc, { formatNumber: (n) => n.toLocaleString('ru-RU') });
    const widths = [...svg.matchAll(/<g class="lm-kpi" data-status="\w+"><title>[^<]*<\/title><rect x="[\d.-]+" y="[\d.-]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    // a card is 200 px wide: the badge is cut with "…", not drawn across its neighbours
    for (const w of widths) expect(w).toBeLessThan(110);
    expect(svgTexts(svg).some((t) => t.endsWith('…'))).toBe(true);
  });
});
