/**
 * Lanemap's own extension namespace in BPMN files: what BPMN has no place for (items, durations,
 * waits, RACI, phases, pain points, colours, the map's properties) is written in extension
 * elements described by a moddle descriptor, so Lanemap reads its own files back with nothing
 * lost while other tools see standard BPMN.
 *
 * The elements (all inside `bpmn:extensionElements`, which the BPMN XSD opens to any other
 * namespace):
 * - `lanemap:step` on every flow node: the step's id, kind, lane, phase, position in its lane and
 *   column, width, pinned, link, automation, system, trigger, throwing; children `duration`,
 *   `wait`, `item` (inputs, outputs, resources in order), `party`, `raci`, `kpi`.
 * - `lanemap:flow` on every sequence flow: its id, share, message mark, and its route as `points`
 *   ("x,y x,y …", as SVG writes a polyline; files of the first version wrote `point` children: read too).
 * - `lanemap:role` on every lane: the role's id, colour and order.
 * - `lanemap:map` on the process: the map's id, direction, properties, dates, `approval`, `phase`
 *   (with `kpi`), `painPoint`, `ruleOff`; the long tail (comments, notes, SWOT, findings set
 *   aside) as JSON in `comments`, `notes`, `swot`, `dismissed`.
 * The title and description of a step, the label of a flow, the name of a lane and the map's
 * title and description are BPMN's own `name` and `documentation`; the readers take them from there.
 */
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import type {
  Dismissal,
  Duration,
  Flow,
  ItemParty,
  Kpi,
  MapComment,
  MapDoc,
  Note,
  PainPoint,
  Phase,
  RaciLetter,
  Role,
  Step,
  SwotNote,
} from '../../model/types';

export type { ModdleElement };

export const LANEMAP_NS = 'https://lanemap.app/schema/bpmn/1.0';
export const LANEMAP_PREFIX = 'lanemap';

const attr = (name: string, type = 'String') => ({ name, type, isAttr: true });
const many = (name: string, type: string) => ({ name, type, isMany: true });
const one = (name: string, type: string) => ({ name, type });
const body = (name: string) => ({ name, type: 'String', isBody: true });

/** The moddle descriptor of the Lanemap namespace (types, their properties). */
export const lanemapDescriptor = {
  name: 'Lanemap',
  uri: LANEMAP_NS,
  prefix: LANEMAP_PREFIX,
  xml: { tagAlias: 'lowerCase' },
  associations: [] as unknown[],
  types: [
    {
      name: 'Step',
      superClass: ['Element'],
      properties: [
        attr('id'),
        attr('kind'),
        attr('roleId'),
        attr('phaseId'),
        attr('x', 'Real'),
        attr('y', 'Real'),
        attr('width', 'Real'),
        attr('pinned', 'Boolean'),
        attr('linkedMapId'),
        attr('automation'),
        attr('system'),
        attr('trigger'),
        attr('throwing', 'Boolean'),
        attr('empty'),
        one('duration', 'Duration'),
        one('wait', 'Wait'),
        many('items', 'Item'),
        many('parties', 'Party'),
        many('raci', 'Raci'),
        many('kpis', 'Kpi'),
      ],
    },
    { name: 'Duration', superClass: ['Element'], properties: [attr('value', 'Real'), attr('unit')] },
    { name: 'Wait', superClass: ['Element'], properties: [attr('value', 'Real'), attr('unit')] },
    /** One input, output or resource, in the step's order; its words as the element's text. */
    { name: 'Item', superClass: ['Element'], properties: [attr('kind'), body('value')] },
    { name: 'Party', superClass: ['Element'], properties: [attr('kind'), attr('item'), attr('party')] },
    { name: 'Raci', superClass: ['Element'], properties: [attr('roleId'), attr('letter')] },
    {
      name: 'Kpi',
      superClass: ['Element'],
      properties: [attr('id'), attr('name'), attr('unit'), attr('target', 'Real'), attr('current', 'Real'), attr('better')],
    },
    {
      name: 'Flow',
      superClass: ['Element'],
      properties: [attr('id'), attr('share', 'Real'), attr('message', 'Boolean'), attr('empty'), attr('points'), many('route', 'Point')],
    },
    { name: 'Point', superClass: ['Element'], properties: [attr('x', 'Real'), attr('y', 'Real')] },
    /** On a text annotation drawn for a note of the canvas: the note's id (the note itself is in the map's `notes`). */
    { name: 'Note', superClass: ['Element'], properties: [attr('id')] },
    { name: 'Role', superClass: ['Element'], properties: [attr('id'), attr('color'), attr('order', 'Real')] },
    {
      name: 'Map',
      superClass: ['Element'],
      properties: [
        attr('id'),
        attr('direction'),
        attr('purpose'),
        attr('owner'),
        attr('status'),
        attr('reviewEveryMonths', 'Real'),
        attr('nextReview'),
        attr('createdAt'),
        attr('updatedAt'),
        attr('empty'),
        one('approval', 'Approval'),
        many('phases', 'Phase'),
        many('painPoints', 'PainPoint'),
        many('rulesOff', 'RuleOff'),
        one('comments', 'Comments'),
        one('notes', 'Notes'),
        one('swot', 'Swot'),
        one('dismissed', 'Dismissed'),
      ],
    },
    { name: 'Approval', superClass: ['Element'], properties: [attr('by'), attr('at')] },
    { name: 'Phase', superClass: ['Element'], properties: [attr('id'), attr('name'), attr('order', 'Real'), attr('empty'), many('kpis', 'Kpi')] },
    {
      name: 'PainPoint',
      superClass: ['Element'],
      properties: [attr('id'), attr('stepId'), attr('kind'), attr('votes', 'Real'), attr('createdAt')],
    },
    { name: 'RuleOff', superClass: ['Element'], properties: [attr('rule')] },
    /** The long tail, as JSON text. */
    { name: 'Comments', superClass: ['Element'], properties: [body('json')] },
    { name: 'Notes', superClass: ['Element'], properties: [body('json')] },
    { name: 'Swot', superClass: ['Element'], properties: [body('json')] },
    { name: 'Dismissed', superClass: ['Element'], properties: [body('json')] },
  ],
};

/** A bpmn-moddle that knows the Lanemap namespace (use it both to write and to read). */
export function createModdle(): BpmnModdle {
  return new BpmnModdle({ [LANEMAP_PREFIX]: lanemapDescriptor });
}

// ---------------------------------------------------------------------------------------------
// writing (used by export.ts)

/** Text XML 1.0 can hold: control characters other than tab, newline and carriage return dropped. */
export function xmlText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}

/**
 * The names of optional lists given but empty (an empty list writes no element, so it would read
 * back as absent): written as the `empty` attribute, e.g. "kpis raci".
 */
function emptyLists(lists: Record<string, unknown[] | Record<string, unknown> | undefined>): string | undefined {
  const names = Object.entries(lists)
    .filter(([, v]) => v !== undefined && (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0))
    .map(([k]) => k);
  return names.length ? names.join(' ') : undefined;
}

/** `attrs` without its undefined values (moddle writes what it is given). */
function defined(attrs: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) out[k] = typeof v === 'string' ? xmlText(v) : v;
  return out;
}

function kpiElement(moddle: BpmnModdle, k: Kpi): ModdleElement {
  return moddle.create('lanemap:Kpi', defined({ id: k.id, name: k.name, unit: k.unit, target: k.target, current: k.current, better: k.better }));
}

function durationElement(moddle: BpmnModdle, type: 'lanemap:Duration' | 'lanemap:Wait', d: Duration): ModdleElement {
  return moddle.create(type, { value: d.value, unit: d.unit });
}

/** The `lanemap:step` element of a step. */
export function stepExtension(moddle: BpmnModdle, s: Step): ModdleElement {
  const items: ModdleElement[] = [];
  for (const kind of ['inputs', 'outputs', 'resources'] as const) for (const value of s[kind]) items.push(moddle.create('lanemap:Item', { kind, value: xmlText(value) }));
  return moddle.create(
    'lanemap:Step',
    defined({
      id: s.id,
      kind: s.kind,
      roleId: s.roleId,
      phaseId: s.phaseId ?? undefined,
      x: s.x,
      y: s.y,
      width: s.width,
      pinned: s.pinned,
      linkedMapId: s.linkedMapId,
      automation: s.automation,
      system: s.system,
      trigger: s.trigger,
      throwing: s.throwing,
      empty: emptyLists({ raci: s.raci, parties: s.parties, kpis: s.kpis }),
      duration: s.duration ? durationElement(moddle, 'lanemap:Duration', s.duration) : undefined,
      wait: s.wait ? durationElement(moddle, 'lanemap:Wait', s.wait) : undefined,
      items: items.length ? items : undefined,
      parties: s.parties?.length ? s.parties.map((p) => moddle.create('lanemap:Party', defined({ kind: p.kind, item: p.item, party: p.party }))) : undefined,
      raci: s.raci && Object.keys(s.raci).length
        ? Object.entries(s.raci)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([roleId, letter]) => moddle.create('lanemap:Raci', defined({ roleId, letter })))
        : undefined,
      kpis: s.kpis?.length ? s.kpis.map((k) => kpiElement(moddle, k)) : undefined,
    }),
  );
}

/** The `lanemap:flow` element of a flow. */
export function flowExtension(moddle: BpmnModdle, f: Flow): ModdleElement {
  return moddle.create(
    'lanemap:Flow',
    defined({
      id: f.id,
      share: f.share,
      message: f.message,
      empty: emptyLists({ route: f.route }),
      // one attribute, not an element a point: a big map's routes are thousands of points
      points: f.route?.length ? f.route.map((p) => `${p.x},${p.y}`).join(' ') : undefined,
    }),
  );
}

/** The `lanemap:note` marker of a text annotation drawn for a note. */
export function noteExtension(moddle: BpmnModdle, note: Note): ModdleElement {
  return moddle.create('lanemap:Note', { id: xmlText(note.id) });
}

/** The `lanemap:role` element of a role's lane. */
export function roleExtension(moddle: BpmnModdle, r: Role): ModdleElement {
  return moddle.create('lanemap:Role', defined({ id: r.id, color: r.color, order: r.order }));
}

const json = (moddle: BpmnModdle, type: string, value: unknown) => moddle.create(type, { json: xmlText(JSON.stringify(value)) });

/** The `lanemap:map` element of a map's process. */
export function mapExtension(moddle: BpmnModdle, doc: MapDoc): ModdleElement {
  const phases = Object.values(doc.phases ?? {}).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const pains = Object.values(doc.painPoints ?? {}).sort((a, b) => a.id.localeCompare(b.id));
  const comments = Object.values(doc.comments ?? {}).sort((a, b) => a.id.localeCompare(b.id));
  return moddle.create(
    'lanemap:Map',
    defined({
      id: doc.id,
      direction: doc.direction,
      purpose: doc.purpose,
      owner: doc.owner,
      status: doc.status,
      reviewEveryMonths: doc.reviewEveryMonths,
      nextReview: doc.nextReview,
      createdAt: doc.createdAt,
      updatedAt: doc.updatedAt,
      empty: emptyLists({ rulesOff: doc.rulesOff }),
      approval: doc.approval ? moddle.create('lanemap:Approval', defined({ by: doc.approval.by, at: doc.approval.at })) : undefined,
      phases: phases.length
        ? phases.map((p) =>
            moddle.create(
              'lanemap:Phase',
              defined({ id: p.id, name: p.name, order: p.order, empty: emptyLists({ kpis: p.kpis }), kpis: p.kpis?.length ? p.kpis.map((k) => kpiElement(moddle, k)) : undefined }),
            ),
          )
        : undefined,
      painPoints: pains.length
        ? pains.map((p) => moddle.create('lanemap:PainPoint', defined({ id: p.id, stepId: p.stepId, kind: p.kind, votes: p.votes, createdAt: p.createdAt })))
        : undefined,
      rulesOff: doc.rulesOff?.length ? doc.rulesOff.map((rule) => moddle.create('lanemap:RuleOff', defined({ rule }))) : undefined,
      comments: comments.length ? json(moddle, 'lanemap:Comments', comments) : undefined,
      notes: doc.notes ? json(moddle, 'lanemap:Notes', Object.values(doc.notes)) : undefined,
      swot: doc.swot ? json(moddle, 'lanemap:Swot', doc.swot) : undefined,
      dismissed: doc.dismissed ? json(moddle, 'lanemap:Dismissed', doc.dismissed) : undefined,
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// reading

/** The first extension element of `type` on a BPMN element. */
function extensionOf(element: ModdleElement | undefined, type: string): ModdleElement | undefined {
  const ext = element?.extensionElements as ModdleElement | undefined;
  const values = ext?.values as ModdleElement[] | undefined;
  return values?.find((v) => v.$type === type);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const numOf = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const list = (v: unknown): ModdleElement[] => (Array.isArray(v) ? (v as ModdleElement[]) : []);
/** Whether an optional list is there: it has elements, or the `empty` attribute names it. */
const given = (e: ModdleElement, name: string): boolean => list(e[name]).length > 0 || (str(e.empty) ?? '').split(' ').includes(name);

/** The text of a BPMN element's documentation (its first one), or ''. */
function documentationOf(element: ModdleElement): string {
  const docs = list(element.documentation);
  return docs.length ? (str(docs[0]!.text) ?? '') : '';
}

function durationOf(e: unknown): Duration | undefined {
  const d = e as ModdleElement | undefined;
  const value = numOf(d?.value);
  const unit = str(d?.unit);
  return value !== undefined && (unit === 'min' || unit === 'h' || unit === 'd') ? { value, unit } : undefined;
}

function kpiOf(e: ModdleElement): Kpi {
  return {
    id: str(e.id) ?? '',
    name: str(e.name) ?? '',
    unit: str(e.unit) ?? '',
    target: numOf(e.target) ?? null,
    current: numOf(e.current) ?? null,
    better: e.better === 'lower' ? 'lower' : 'higher',
  };
}

/** Assigns only the values that are there (the model's optional fields stay absent). */
function put<T extends object>(target: T, values: Partial<T>): T {
  for (const [k, v] of Object.entries(values)) if (v !== undefined) (target as Record<string, unknown>)[k] = v;
  return target;
}

/**
 * What Lanemap wrote on a flow node (task, gateway, event, call activity…), read back; undefined
 * when the element carries none. Includes the step's original Lanemap `id`, so comments and pain
 * points in `mapDataOf` still find it. What BPMN itself says (name, lane, position, flows) is read
 * by the import from the BPMN; this is the rest.
 * (The step's title and description are BPMN's name and documentation: given here too.)
 */
export function stepDataOf(element: ModdleElement): Partial<Step> | undefined {
  const e = extensionOf(element, 'lanemap:Step');
  if (!e) return undefined;
  const items = list(e.items);
  const itemsOf = (kind: string) => items.filter((i) => i.kind === kind).map((i) => str(i.value) ?? '');
  const raci: Record<string, RaciLetter> = {};
  for (const r of list(e.raci)) {
    const letter = r.letter;
    if (typeof r.roleId === 'string' && (letter === 'A' || letter === 'C' || letter === 'I')) raci[r.roleId] = letter;
  }
  const parties: ItemParty[] = list(e.parties).map((p) => ({ kind: p.kind === 'outputs' ? 'outputs' : 'inputs', item: str(p.item) ?? '', party: str(p.party) ?? '' }));
  const kind = str(e.kind) as Step['kind'] | undefined;
  return put<Partial<Step>>(
    {},
    {
      id: str(e.id),
      kind,
      title: str(element.name) ?? '',
      description: documentationOf(element),
      roleId: str(e.roleId),
      phaseId: str(e.phaseId) ?? null,
      x: numOf(e.x),
      y: numOf(e.y),
      duration: durationOf(e.duration) ?? null,
      pinned: e.pinned === true ? true : undefined,
      linkedMapId: str(e.linkedMapId),
      inputs: itemsOf('inputs'),
      outputs: itemsOf('outputs'),
      resources: itemsOf('resources'),
      wait: durationOf(e.wait),
      raci: given(e, 'raci') ? raci : undefined,
      parties: given(e, 'parties') ? parties : undefined,
      automation: e.automation === 'partial' || e.automation === 'auto' ? e.automation : undefined,
      system: str(e.system),
      kpis: given(e, 'kpis') ? list(e.kpis).map(kpiOf) : undefined,
      width: numOf(e.width),
      trigger: str(e.trigger) as Step['trigger'],
      throwing: e.throwing === true ? true : undefined,
    },
  );
}

/** The points of a `points` attribute ("x,y x,y …"); a pair that is not two numbers is skipped. */
function pointsOf(text: string): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  for (const pair of text.trim().split(/\s+/)) {
    const [x, y, extra] = pair.split(',').map(Number);
    if (extra === undefined && Number.isFinite(x) && Number.isFinite(y)) out.push({ x: x!, y: y! });
  }
  return out;
}

/**
 * What Lanemap wrote on a sequence or message flow (its id, share, route…); undefined when none.
 * The label is BPMN's name; the ends are the Lanemap ids of the steps it joins, when they carry them.
 */
export function flowDataOf(element: ModdleElement): Partial<Flow> | undefined {
  const e = extensionOf(element, 'lanemap:Flow');
  if (!e) return undefined;
  const points = str(e.points);
  const route = points !== undefined ? pointsOf(points) : list(e.route).map((p) => ({ x: numOf(p.x) ?? 0, y: numOf(p.y) ?? 0 }));
  return put<Partial<Flow>>(
    {},
    {
      id: str(e.id),
      fromStepId: stepDataOf(element.sourceRef as ModdleElement)?.id,
      toStepId: stepDataOf(element.targetRef as ModdleElement)?.id,
      label: str(element.name) ?? '',
      route: route.length > 0 || given(e, 'route') ? route : undefined,
      share: numOf(e.share),
      message: e.message === true ? true : undefined,
    },
  );
}

/**
 * The id of the Lanemap note a text annotation was drawn for; undefined for an annotation from
 * another tool. Such an annotation (and its association) is already in `mapDataOf(process).notes`:
 * an import restoring a Lanemap-made map skips it rather than making it a description or a comment.
 */
export function noteIdOf(element: ModdleElement): string | undefined {
  return str(extensionOf(element, 'lanemap:Note')?.id);
}

/** What Lanemap wrote on a lane (the role's id and colour); undefined when none. The name is the lane's. */
export function laneDataOf(element: ModdleElement): Partial<Role> | undefined {
  const e = extensionOf(element, 'lanemap:Role');
  if (!e) return undefined;
  return put<Partial<Role>>({}, { id: str(e.id), name: str(element.name) ?? '', color: str(e.color), order: numOf(e.order) });
}

function parseJson<T>(e: unknown): T | undefined {
  const text = str((e as ModdleElement | undefined)?.json);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

const byId = <T extends { id: string }>(items: T[]): Record<string, T> => Object.fromEntries(items.map((i) => [i.id, i]));

/**
 * What Lanemap wrote on a process: the map's own fields (id, title, description, direction,
 * purpose, owner, status, approval, dates, phases with their KPIs, comments, pain points, notes,
 * SWOT, review cycle, findings set aside); undefined when none (a file from another tool).
 */
export function mapDataOf(process: ModdleElement): Partial<MapDoc> | undefined {
  const e = extensionOf(process, 'lanemap:Map');
  if (!e) return undefined;
  const phases: Phase[] = list(e.phases).map((p) =>
    put<Phase>({ id: str(p.id) ?? '', name: str(p.name) ?? '', order: numOf(p.order) ?? 0 }, { kpis: given(p, 'kpis') ? list(p.kpis).map(kpiOf) : undefined }),
  );
  const pains: PainPoint[] = list(e.painPoints).map((p) => ({
    id: str(p.id) ?? '',
    stepId: str(p.stepId) ?? '',
    kind: str(p.kind) as PainPoint['kind'],
    votes: numOf(p.votes) ?? 1,
    createdAt: str(p.createdAt) ?? '',
  }));
  const approval = e.approval as ModdleElement | undefined;
  const notes = parseJson<Note[]>(e.notes);
  return put<Partial<MapDoc>>(
    {},
    {
      id: str(e.id),
      title: str(process.name) ?? '',
      description: documentationOf(process),
      direction: e.direction === 'down' ? 'down' : undefined,
      purpose: str(e.purpose) as MapDoc['purpose'],
      owner: str(e.owner),
      status: str(e.status) as MapDoc['status'],
      approval: approval ? { by: str(approval.by) ?? '', at: str(approval.at) ?? '' } : undefined,
      dismissed: parseJson<Dismissal[]>(e.dismissed),
      rulesOff: given(e, 'rulesOff') ? list(e.rulesOff).map((r) => str(r.rule) ?? '') : undefined,
      swot: parseJson<SwotNote[]>(e.swot),
      reviewEveryMonths: numOf(e.reviewEveryMonths),
      nextReview: str(e.nextReview),
      createdAt: str(e.createdAt),
      updatedAt: str(e.updatedAt),
      phases: byId(phases),
      comments: byId(parseJson<MapComment[]>(e.comments) ?? []),
      painPoints: byId(pains),
      notes: notes ? byId(notes) : undefined,
    },
  );
}
