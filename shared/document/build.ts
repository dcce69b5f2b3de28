/**
 * The process document (регламент процесса) of a map, as content: title and the map's
 * properties (purpose, owner, status, approval); the map's picture; the roles and the steps each
 * performs; the phases; a numbered step table (number in reading order, step, role, inputs,
 * outputs, resources, duration, next steps with branch labels); the RACI, the SIPOC and the
 * figures when the map has them; open comments and pain points as an appendix. In Russian or
 * English. Pure: the DOCX and PDF writers (src-main/export/docx.ts, documentPdf.ts) lay it out.
 */
import { mapFigures } from '../analysis/figures';
import { orderedPhases, orderedRoles } from '../model/geometry';
import type { MapDoc, Step } from '../model/types';
import { PAIN_NAMES } from '../views/optimise';
import { raciMatrix, raciSheet } from '../views/raci';
import type { Sheet } from '../views/sheet';
import { sipoc, sipocSheet } from '../views/sipoc';
import { EXPORT_WORDS, fill, formatDateIn, formatDurationWords, formatNumberIn, formatPercentIn, formatWorkTimeIn, type ExportLang } from '../export/words';
import { nextStepsOf, nextStepsText, numberSteps, quoteIn } from './numbering';
import { DOCUMENT_WORDS, plural } from './words';

/** A cell's text; a line break starts a new paragraph in it. */
export type Cell = string;

export interface DocTable {
  columns: { header: string; /** Relative width. */ weight: number }[];
  /** A row of cells, or a group heading spanning the table (a phase in the step table). */
  rows: (Cell[] | { group: string })[];
  /** Narrow first column of numbers: kept from wrapping, aligned right. */
  numbered?: boolean;
}

export type Block =
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string; muted?: boolean }
  | { kind: 'facts'; rows: [string, string][] }
  | { kind: 'table'; table: DocTable }
  /** The map's picture (drawn by the writer: fitted, or an overview and readable parts). */
  | { kind: 'map' };

export interface DocSection {
  /** Wide content (the map, the step table, the RACI) goes on landscape pages. */
  landscape: boolean;
  blocks: Block[];
}

export interface ProcessDocument {
  lang: ExportLang;
  title: string;
  /** "Process document" / «Регламент процесса». */
  kind: string;
  sections: DocSection[];
  /** The file's properties. */
  meta: { title: string; author: string; subject: string };
  /** "Page {page} of {pages}". */
  pageWords: string;
  /** The map has steps to draw. */
  hasMap: boolean;
}

function sheetTable(sheet: Sheet, weights?: number[]): DocTable {
  return {
    columns: sheet.columns.map((c, i) => ({ header: c.header, weight: weights?.[i] ?? c.width ?? 10 })),
    rows: sheet.rows.map((r) => r.map((v) => (v === null ? '' : String(v)))),
  };
}

/** The content of the process document of `doc` in `lang`. */
export function buildProcessDocument(doc: MapDoc, lang: ExportLang): ProcessDocument {
  const w = DOCUMENT_WORDS[lang];
  const ew = EXPORT_WORDS[lang];
  const date = (iso: string) => formatDateIn(iso, lang);
  const quote = quoteIn(lang);
  const untitled = ew.svg.untitled;
  const titleOf = (s: Step) => s.title.trim() || untitled;
  const numbered = numberSteps(doc);
  const no = (s: Step) => numbered.number.get(s.id)!;
  const next = nextStepsOf(doc, numbered);
  const roles = orderedRoles(doc);
  const phases = orderedPhases(doc);
  const steps = numbered.steps;
  const title = doc.title.trim() || untitled;

  // ---- the title page: what the process is, whose, how far agreed
  const facts: [string, string][] = [
    [w.facts.process, title],
    [w.facts.purpose, doc.purpose ? w.purposes[doc.purpose] : w.notStated],
    [w.facts.owner, doc.owner?.trim() || '—'],
    [w.facts.status, w.statuses[doc.status ?? 'draft']],
  ];
  if (doc.approval) facts.push([w.facts.approved, fill(w.approvedBy, { by: doc.approval.by, date: date(doc.approval.at) })]);
  if (doc.nextReview) facts.push([w.facts.nextReview, date(`${doc.nextReview}T12:00:00Z`)]);
  facts.push([w.facts.updated, date(doc.updatedAt)]);
  facts.push([
    w.facts.scope,
    [plural(w.scope.steps, steps.length, lang), plural(w.scope.roles, roles.length, lang), plural(w.scope.phases, phases.length, lang)].join(', '),
  ]);
  const front: Block[] = [{ kind: 'facts', rows: facts }];
  if (doc.description.trim()) front.push({ kind: 'heading', level: 2, text: w.about }, ...paragraphs(doc.description));

  let n = 0;
  const h = (text: string): Block => ({ kind: 'heading', level: 1, text: `${++n}. ${text}` });

  // ---- the map
  const mapBlocks: Block[] = [h(w.sections.map)];
  if (steps.length === 0) mapBlocks.push({ kind: 'paragraph', text: w.map.empty, muted: true });
  else {
    if (doc.direction === 'down') mapBlocks.push({ kind: 'paragraph', text: w.map.turned, muted: true });
    mapBlocks.push({ kind: 'map' });
  }

  // ---- roles, and what each does
  const byRole = new Map<string, Step[]>();
  for (const s of steps) byRole.set(s.roleId, [...(byRole.get(s.roleId) ?? []), s]);
  const performed = (s: Step) => s.kind !== 'start' && s.kind !== 'end' && s.kind !== 'event';
  const roleBlocks: Block[] = [
    h(w.sections.roles),
    {
      kind: 'table',
      table: {
        columns: [
          { header: w.roles.role, weight: 26 },
          { header: w.roles.count, weight: 10 },
          { header: w.roles.does, weight: 64 },
        ],
        rows: roles.map((r) => {
          const mine = (byRole.get(r.id) ?? []).filter(performed);
          return [r.name, String(mine.length), mine.length ? mine.map((s) => `${no(s)}. ${titleOf(s)}`).join('\n') : w.roles.none];
        }),
      },
    },
  ];

  // ---- phases
  const figures = mapFigures(doc);
  const phaseBlocks: Block[] = [h(w.sections.phases)];
  if (phases.length === 0) phaseBlocks.push({ kind: 'paragraph', text: w.phases.none, muted: true });
  else {
    const inPhase = (id: string | null) => steps.filter((s) => (s.phaseId && doc.phases[s.phaseId] ? s.phaseId : null) === id);
    const rows: Cell[][] = [];
    const unphased = inPhase(null);
    const rowOf = (name: string, list: Step[], id: string | null) => {
      const work = figures.byPhase.get(id)?.workTotal ?? 0;
      return [name, numberRanges(list.map(no)), work > 0 ? formatWorkTimeIn(work, lang) : '—'];
    };
    if (unphased.length) rows.push(rowOf(w.phases.noPhase, unphased, null));
    phases.forEach((p, i) => rows.push(rowOf(`${i + 1}. ${p.name}`, inPhase(p.id), p.id)));
    phaseBlocks.push({
      kind: 'table',
      table: {
        columns: [
          { header: w.phases.phase, weight: 50 },
          { header: w.phases.steps, weight: 30 },
          { header: w.phases.work, weight: 20 },
        ],
        rows,
      },
    });
  }

  // ---- the step table
  const stepBlocks: Block[] = [h(w.sections.steps)];
  if (steps.length === 0) stepBlocks.push({ kind: 'paragraph', text: w.steps.none, muted: true });
  else {
    const rows: DocTable['rows'] = [];
    let group: string | undefined;
    for (const s of steps) {
      const phaseName = s.phaseId && doc.phases[s.phaseId] ? doc.phases[s.phaseId]!.name : w.phases.noPhase;
      if (phases.length && phaseName !== group) rows.push({ group: (group = phaseName) });
      const kindLine = s.kind === 'task' ? '' : ew.kinds[s.kind];
      const duration = [s.duration ? formatDurationWords(s.duration, lang) : '', s.wait ? fill(w.steps.wait, { time: formatDurationWords(s.wait, lang) }) : '']
        .filter(Boolean)
        .join('\n');
      rows.push([
        String(no(s)),
        [titleOf(s), kindLine ? `(${kindLine})` : '', s.description.trim()].filter(Boolean).join('\n'),
        doc.roles[s.roleId]?.name ?? '',
        s.inputs.join('\n'),
        s.outputs.join('\n'),
        s.resources.join('\n'),
        duration,
        nextStepsText(next.get(s.id), { message: ew.message, untitled }, quote) || (s.kind === 'end' ? '—' : ''),
      ]);
    }
    stepBlocks.push({
      kind: 'table',
      table: {
        numbered: true,
        columns: [
          { header: w.steps.number, weight: 5 },
          { header: w.steps.step, weight: 25 },
          { header: w.steps.role, weight: 12 },
          { header: w.steps.inputs, weight: 13 },
          { header: w.steps.outputs, weight: 13 },
          { header: w.steps.resources, weight: 12 },
          { header: w.steps.duration, weight: 9 },
          { header: w.steps.next, weight: 11 },
        ],
        rows,
      },
    });
  }

  // ---- RACI and SIPOC, when the map has them
  const wide: Block[] = [];
  if (raciMatrix(doc).usesRaci) {
    const sheet = raciSheet(doc, lang);
    const table = sheetTable(sheet);
    // the step's number in front of its title, as in the step table
    const raciSteps = raciMatrix(doc).rows.map((r) => r.step);
    table.rows = table.rows.map((row, i) => (Array.isArray(row) && raciSteps[i] ? [`${no(raciSteps[i])}. ${row[0]}`, ...row.slice(1)] : row));
    wide.push(h(w.sections.raci), { kind: 'paragraph', text: w.raciNote, muted: true }, { kind: 'table', table });
  }
  const sp = sipoc(doc);
  if (sp.rows.some((r) => r.inputs.length || r.outputs.length)) wide.push(h(w.sections.sipoc), { kind: 'table', table: sheetTable(sipocSheet(doc, lang)) });

  // ---- figures, when durations or waits are said
  const tail: Block[] = [];
  if (figures.workTotal > 0 || figures.waitTotal > 0) {
    tail.push(h(w.sections.figures), {
      kind: 'facts',
      rows: [
        [w.figures.leadTime, formatWorkTimeIn(figures.leadTime, lang)],
        [w.figures.work, formatWorkTimeIn(figures.workOnPath, lang)],
        [w.figures.efficiency, figures.leadTime > 0 ? formatPercentIn(figures.efficiency, lang) : '—'],
        [w.figures.workTotal, formatWorkTimeIn(figures.workTotal, lang)],
        [w.figures.waiting, formatWorkTimeIn(figures.waitTotal, lang)],
        [w.figures.handOffs, formatNumberIn(figures.handOffs, lang)],
      ],
    });
    tail.push({ kind: 'paragraph', text: w.figures.note, muted: true });
  }

  // ---- appendix: open comments, pain points
  tail.push({ kind: 'heading', level: 1, text: w.sections.appendix });
  tail.push({ kind: 'heading', level: 2, text: w.sections.comments });
  const comments = Object.values(doc.comments);
  const threads = comments.filter((c) => c.parentId === null && c.resolvedAt === null).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  if (threads.length === 0) tail.push({ kind: 'paragraph', text: w.comments.none, muted: true });
  else {
    const about = (c: (typeof threads)[number]): string => {
      if (c.targetKind === 'step' && c.targetId && doc.steps[c.targetId]) {
        const s = doc.steps[c.targetId]!;
        return `${fill(w.comments.step, { n: String(no(s)) })}\n${titleOf(s)}`;
      }
      if (c.targetKind === 'flow' && c.targetId && doc.flows[c.targetId]) {
        const f = doc.flows[c.targetId]!;
        const from = doc.steps[f.fromStepId];
        const to = doc.steps[f.toStepId];
        return fill(w.comments.flow, { from: from ? String(no(from)) : '?', to: to ? String(no(to)) : '?' });
      }
      return w.comments.map;
    };
    const said = (c: (typeof comments)[number]) => `${c.author.trim() || ew.svg.anonymous}, ${date(c.createdAt)}: ${c.text}`;
    tail.push({
      kind: 'table',
      table: {
        columns: [
          { header: w.comments.about, weight: 28 },
          { header: w.comments.comment, weight: 72 },
        ],
        rows: threads.map((t) => [
          about(t),
          [said(t), ...comments.filter((r) => r.parentId === t.id).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((r) => `${w.comments.reply}. ${said(r)}`)].join('\n'),
        ]),
      },
    });
  }
  tail.push({ kind: 'heading', level: 2, text: w.sections.pains });
  const pains = Object.values(doc.painPoints)
    .filter((p) => doc.steps[p.stepId])
    .sort((a, b) => b.votes - a.votes || no(doc.steps[a.stepId]!) - no(doc.steps[b.stepId]!));
  if (pains.length === 0) tail.push({ kind: 'paragraph', text: w.pains.none, muted: true });
  else
    tail.push({
      kind: 'table',
      table: {
        columns: [
          { header: w.pains.step, weight: 55 },
          { header: w.pains.kind, weight: 30 },
          { header: w.pains.votes, weight: 15 },
        ],
        rows: pains.map((p) => {
          const s = doc.steps[p.stepId]!;
          return [`${no(s)}. ${titleOf(s)}`, PAIN_NAMES[lang][p.kind], formatNumberIn(p.votes, lang)];
        }),
      },
    });

  const sections: DocSection[] = [
    { landscape: false, blocks: front },
    { landscape: true, blocks: mapBlocks },
    { landscape: false, blocks: [...roleBlocks, ...phaseBlocks] },
    { landscape: true, blocks: [...stepBlocks, ...wide] },
    { landscape: false, blocks: tail },
  ];
  return {
    lang,
    title,
    kind: w.kind,
    sections,
    meta: { title, author: doc.owner?.trim() ?? '', subject: doc.purpose ? `${w.kind}: ${w.purposes[doc.purpose]}` : w.kind },
    pageWords: w.page,
    hasMap: steps.length > 0,
  };
}

/** Text as paragraphs: one per line, empty lines dropped. */
function paragraphs(text: string): Block[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => ({ kind: 'paragraph', text: l }));
}

/** 1, 2, 3, 5, 7, 8 → "1–3, 5, 7, 8". */
export function numberRanges(numbers: number[]): string {
  const sorted = [...numbers].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out.push(j - i >= 2 ? `${sorted[i]}–${sorted[j]}` : sorted.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return out.join(', ') || '—';
}
