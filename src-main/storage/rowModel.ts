/**
 * Rows as the two map stores keep them, read into the records of the model: one reading for the
 * local SQLite library (./mapRepository.ts) and the team library on PostgreSQL
 * (./pg/pgStore.ts). The stores differ in two ways only, and say so: a JSON column is text in
 * SQLite and an already parsed jsonb value in PostgreSQL (`rowModel(json)` is given how to read
 * one), and a flag is 0/1 in SQLite and a boolean in PostgreSQL (both read as truthy or not).
 *
 * A damaged value reads as not set rather than failing the whole map.
 */
import type { MapChanges } from '../../shared/model/schema';
import { NOTE_MAX_WIDTH, NOTE_MIN_WIDTH, STEP_MAX_WIDTH } from '../../shared/model/geometry';
import { DateSchema, DismissalsSchema, KpisSchema, RaciSchema, RulesOffSchema, StepSchema, SwotSchema } from '../../shared/model/schema';
import type { Flow, MapComment, MapDoc, Note, PainPoint, Phase, Point, Role, Step } from '../../shared/model/types';
import { EVENT_KINDS, type EventTrigger } from '../../shared/model/types';

/** A flag column: 0/1 (SQLite) or a boolean (PostgreSQL). */
type Flag = number | boolean;
/** A JSON column: text (SQLite) or the parsed value (PostgreSQL jsonb); read through `rowModel`'s `json`. */
type JsonColumn = unknown;

export interface StepRow {
  id: string;
  map_id: string;
  role_id: string;
  phase_id: string | null;
  kind: Step['kind'];
  title: string;
  description: string;
  x: number;
  y: number;
  duration_value: number | null;
  duration_unit: 'min' | 'h' | 'd' | null;
  pinned: Flag;
  linked_map_id: string | null;
  wait_value: number | null;
  wait_unit: 'min' | 'h' | 'd' | null;
  raci: JsonColumn;
  parties: JsonColumn;
  kpis: JsonColumn;
  automation: 'partial' | 'auto' | null;
  automation_system: string | null;
  width: number | null;
  trigger: EventTrigger | null;
  throwing: Flag;
}

export interface RoleRow {
  id: string;
  map_id: string;
  name: string;
  color: string;
  position: number;
}

export interface PhaseRow {
  id: string;
  map_id: string;
  name: string;
  position: number;
  kpis: JsonColumn;
}

export interface FlowRow {
  id: string;
  map_id: string;
  from_step_id: string;
  to_step_id: string;
  label: string;
  route: JsonColumn;
  share: number | null;
  message: Flag;
}

export interface CommentRow {
  id: string;
  map_id: string;
  target_kind: MapComment['targetKind'];
  target_id: string | null;
  parent_id: string | null;
  author: string;
  text: string;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
}

export interface PainRow {
  id: string;
  map_id: string;
  step_id: string;
  kind: PainPoint['kind'];
  votes: number;
  created_at: string;
}

export interface NoteRow {
  id: string;
  map_id: string;
  text: string;
  x: number;
  y: number;
  width: number | null;
  step_id: string | null;
}

export interface MapRow {
  id: string;
  title: string;
  description: string;
  direction: string;
  purpose: MapDoc['purpose'] | null;
  owner: string;
  status: NonNullable<MapDoc['status']>;
  approved_by: string | null;
  approved_at: string | null;
  dismissed: JsonColumn;
  rules_off: JsonColumn;
  swot: JsonColumn;
  review_months: number | null;
  next_review: string | null;
  revision: number;
  created_at: string;
  updated_at: string;
}

/** A step item row (inputs, outputs, resources), as both stores name its kinds. */
export type ItemKindRow = 'input' | 'output' | 'resource';
export const ITEM_KIND_ROW = { inputs: 'input', outputs: 'output', resources: 'resource' } as const;
export const LIST_OF = { input: 'inputs', output: 'outputs', resource: 'resources' } as const;

/** Any record of a map's tables. */
export type AnyRow = Role | Phase | Step | Flow | MapComment | PainPoint | Note;

/** A JSON column kept as text (SQLite): its value, or undefined when the text is damaged. */
export function fromJsonText(text: unknown): unknown {
  if (text === null || text === undefined) return null;
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A list field left out when empty (an empty list is stored as NULL and reads as absent). */
export function nonEmpty<T extends Record<string, unknown[] | undefined>>(field: T): Partial<T> {
  return Object.values(field).every((v) => v === undefined || v.length === 0) ? {} : field;
}

/** `{ [key]: value }` for a stored JSON value `schema` accepts, else nothing (a damaged value reads as not set). */
export function jsonField<K extends string, T>(key: K, value: unknown, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): { [P in K]?: T } {
  if (value === null || value === undefined) return {};
  const parsed = schema.safeParse(value);
  return parsed.success ? ({ [key]: parsed.data } as { [P in K]?: T }) : {};
}

/** A stored route, or nothing if the value is anything but a list of points (the canvas then draws the flow itself). */
export function routeOf(value: unknown): Point[] | undefined {
  if (Array.isArray(value) && value.every((p: { x?: unknown; y?: unknown } | null) => p && typeof p.x === 'number' && typeof p.y === 'number')) {
    return value.map((p: Point) => ({ x: p.x, y: p.y }));
  }
  return undefined;
}

export const roleOf = (r: RoleRow): Role => ({ id: r.id, name: r.name, color: r.color, order: r.position });

export function painOf(p: PainRow): PainPoint {
  return { id: p.id, stepId: p.step_id, kind: p.kind, votes: p.votes, createdAt: p.created_at };
}

export function commentOf(c: CommentRow): MapComment {
  return {
    id: c.id,
    targetKind: c.target_kind,
    targetId: c.target_id,
    parentId: c.parent_id,
    author: c.author,
    text: c.text,
    createdAt: c.created_at,
    resolvedAt: c.resolved_at,
    resolvedBy: c.resolved_by,
  };
}

export function noteOf(n: NoteRow): Note {
  return {
    id: n.id,
    text: n.text,
    x: n.x,
    y: n.y,
    ...(n.width !== null && n.width >= NOTE_MIN_WIDTH && n.width <= NOTE_MAX_WIDTH ? { width: n.width } : {}),
    ...(n.step_id ? { stepId: n.step_id } : {}),
  };
}

/** The readers of rows whose JSON columns `json` turns into values (`fromJsonText` for text, identity for jsonb). */
export function rowModel(json: (stored: unknown) => unknown) {
  function stepOf(s: StepRow): Step {
    return {
      id: s.id,
      kind: s.kind,
      title: s.title,
      description: s.description,
      roleId: s.role_id,
      phaseId: s.phase_id,
      x: s.x,
      y: s.y,
      duration: s.duration_value !== null && s.duration_unit ? { value: s.duration_value, unit: s.duration_unit } : null,
      ...(s.pinned ? { pinned: true } : {}),
      ...(s.linked_map_id ? { linkedMapId: s.linked_map_id } : {}),
      inputs: [],
      outputs: [],
      resources: [],
      ...(s.wait_value !== null && s.wait_unit ? { wait: { value: s.wait_value, unit: s.wait_unit } } : {}),
      ...jsonField('raci', json(s.raci), RaciSchema),
      ...jsonField('parties', json(s.parties), StepSchema.shape.parties.unwrap()),
      ...(s.automation === 'partial' || s.automation === 'auto' ? { automation: s.automation } : {}),
      ...(s.automation_system ? { system: s.automation_system } : {}),
      ...nonEmpty(jsonField('kpis', json(s.kpis), KpisSchema)),
      ...(s.width !== null && s.width > 0 && s.width <= STEP_MAX_WIDTH ? { width: s.width } : {}),
      ...(s.trigger && EVENT_KINDS.includes(s.kind) ? { trigger: s.trigger } : {}),
      ...(s.throwing && s.kind === 'event' ? { throwing: true as const } : {}),
    };
  }

  function flowOf(f: FlowRow): Flow {
    const route = routeOf(json(f.route));
    return {
      id: f.id,
      fromStepId: f.from_step_id,
      toStepId: f.to_step_id,
      label: f.label,
      ...(route ? { route } : {}),
      ...(f.share !== null && f.share >= 0 && f.share <= 100 ? { share: f.share } : {}),
      ...(f.message ? { message: true as const } : {}),
    };
  }

  const phaseOf = (p: PhaseRow): Phase => ({ id: p.id, name: p.name, order: p.position, ...nonEmpty(jsonField('kpis', json(p.kpis), KpisSchema)) });

  /** The map's own fields, with no rows yet (SWOT links to steps are checked by the store: see `keepSwotLinks`). */
  function docFields(m: MapRow): MapDoc {
    return {
      id: m.id,
      title: m.title,
      description: m.description,
      ...(m.direction === 'down' ? { direction: 'down' as const } : {}),
      ...(m.purpose ? { purpose: m.purpose } : {}),
      ...(m.owner ? { owner: m.owner } : {}),
      ...(m.status !== 'draft' ? { status: m.status } : {}),
      ...(m.approved_by !== null && m.approved_at !== null ? { approval: { by: m.approved_by, at: m.approved_at } } : {}),
      ...nonEmpty(jsonField('dismissed', json(m.dismissed), DismissalsSchema)),
      ...nonEmpty(jsonField('rulesOff', json(m.rules_off), RulesOffSchema)),
      ...nonEmpty(jsonField('swot', json(m.swot), SwotSchema)),
      ...(m.review_months !== null && m.review_months >= 0 ? { reviewEveryMonths: m.review_months } : {}),
      ...(m.next_review && DateSchema.safeParse(m.next_review).success ? { nextReview: m.next_review } : {}),
      createdAt: m.created_at,
      updatedAt: m.updated_at,
      roles: {},
      phases: {},
      steps: {},
      flows: {},
      comments: {},
      painPoints: {},
    };
  }

  return { stepOf, flowOf, phaseOf, roleOf, noteOf, commentOf, painOf, docFields };
}

/** SWOT notes keep only links to steps still in the map (another editor may have deleted one). */
export function keepSwotLinks(doc: MapDoc, here: (stepId: string) => boolean): void {
  if (!doc.swot?.some((n) => n.stepIds.length > 0)) return;
  doc.swot = doc.swot.map((n) => (n.stepIds.every(here) ? n : { ...n, stepIds: n.stepIds.filter(here) }));
}

/**
 * Fills `doc` (from `docFields`) with its rows, as both stores read a whole map: items in their
 * steps' lists, RACI letters only of lanes still in the map, an annotation of a step that is
 * gone standing free.
 */
export function fillDoc(
  doc: MapDoc,
  rows: {
    roles: Role[];
    phases: Phase[];
    steps: Step[];
    items: { step_id: string; kind: ItemKindRow; label: string }[];
    flows: Flow[];
    comments: MapComment[];
    painPoints: PainPoint[];
    notes: Note[];
  },
): MapDoc {
  for (const r of rows.roles) doc.roles[r.id] = r;
  for (const p of rows.phases) doc.phases[p.id] = p;
  for (const s of rows.steps) doc.steps[s.id] = s;
  for (const it of rows.items) {
    const step = Object.hasOwn(doc.steps, it.step_id) ? doc.steps[it.step_id] : undefined;
    step?.[LIST_OF[it.kind]].push(it.label);
  }
  // RACI letters of a lane another editor deleted meanwhile are not kept
  for (const s of Object.values(doc.steps)) {
    if (!s.raci) continue;
    for (const roleId of Object.keys(s.raci)) if (!Object.hasOwn(doc.roles, roleId)) delete s.raci[roleId];
    if (Object.keys(s.raci).length === 0) delete s.raci;
  }
  for (const f of rows.flows) doc.flows[f.id] = f;
  for (const c of rows.comments) doc.comments[c.id] = c;
  for (const p of rows.painPoints) doc.painPoints[p.id] = p;
  for (const n of rows.notes) {
    // an annotation of a step that is gone (a write from before notes knew it) stands free
    if (n.stepId && !Object.hasOwn(doc.steps, n.stepId)) delete n.stepId;
    (doc.notes ??= {})[n.id] = n;
  }
  return doc;
}

/** A whole new map as one change set of rows (what `insert` writes). */
export function changesOfNewMap(doc: MapDoc): MapChanges {
  const none = { roles: [], phases: [], steps: [], flows: [], comments: [], painPoints: [], notes: [] };
  return {
    map: {
      purpose: doc.purpose ?? null,
      owner: doc.owner ?? '',
      status: doc.status ?? 'draft',
      approval: doc.approval ?? null,
      dismissed: doc.dismissed ?? [],
      rulesOff: doc.rulesOff ?? [],
      swot: doc.swot ?? [],
      reviewEveryMonths: doc.reviewEveryMonths ?? null,
      nextReview: doc.nextReview ?? null,
    },
    upsert: {
      roles: Object.values(doc.roles),
      phases: Object.values(doc.phases),
      steps: Object.values(doc.steps),
      flows: Object.values(doc.flows),
      comments: Object.values(doc.comments ?? {}),
      painPoints: Object.values(doc.painPoints ?? {}),
      notes: Object.values(doc.notes ?? {}),
    },
    remove: none,
    expect: none,
  };
}
