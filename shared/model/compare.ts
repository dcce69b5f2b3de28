/**
 * What differs between two versions of a map, as a reader of the map would notice it: which
 * steps, flows, roles and phases were added, removed or changed, and in which fields. Pure
 * data in, keys out: the UI words the keys itself.
 *
 * Identity is by id. Layout is not content: flow routes, lane colours and order, phase order
 * and the map's direction are not reported, and a step that only moved is listed in `moved`
 * without making the versions differ. Text is compared after Unicode normalisation (NFC), so
 * the same words typed as composed or decomposed letters (`й` vs `и` + breve) are the same.
 *
 * Every list is in reading order (phase column, then x, then lane, then y, then id): of the
 * newer map for what is in it, of the older map for what was removed.
 */
import { orderedPhases, orderedRoles } from './geometry';
import type { Duration, Flow, Kpi, MapDoc, Step } from './types';

export type StepField =
  | 'title'
  | 'kind'
  | 'role'
  | 'phase'
  | 'description'
  | 'duration'
  | 'wait'
  | 'inputs'
  | 'outputs'
  | 'resources'
  | 'parties'
  | 'raci'
  | 'automation'
  | 'kpis'
  | 'link';

/** The order in which a step's changed fields are listed. */
export const STEP_FIELDS: readonly StepField[] = [
  'title',
  'kind',
  'role',
  'phase',
  'description',
  'duration',
  'wait',
  'inputs',
  'outputs',
  'resources',
  'parties',
  'raci',
  'automation',
  'kpis',
  'link',
];

export interface StepChange {
  id: string;
  /** In the order of `STEP_FIELDS`. */
  fields: StepField[];
}

export interface FlowChange {
  id: string;
  /** 'ends': the flow now leaves or enters another step. */
  /** 'message': it became a message between parties, or the work passing on again. */
  fields: ('label' | 'ends' | 'share' | 'message')[];
}

export interface MapComparison {
  /** moved: only the position (x, y, pinned) differs; a step in `changed` is never also here. */
  steps: { added: string[]; removed: string[]; changed: StepChange[]; moved: string[] };
  flows: { added: string[]; removed: string[]; changed: FlowChange[] };
  /** renamed: the name changed (colour and lane order are not reported). */
  roles: { added: string[]; removed: string[]; renamed: string[] };
  /** renamed: the name changed; kpis: the KPIs changed (column order is not reported). */
  phases: { added: string[]; removed: string[]; renamed: string[]; kpis: string[] };
  /**
   * swot: the SWOT board's notes or their links; review: the review cycle or the next review date;
   * notes: the canvas's notes (added, removed, their text, or the step an annotation is on; not where they stand).
   */
  map: ('title' | 'description' | 'swot' | 'review' | 'notes')[];
  /** True when nothing a reader would notice differs (moves alone count as a difference only in `moved`). */
  same: boolean;
}

const sameText = (a: string, b: string) => a === b || a.normalize('NFC') === b.normalize('NFC');

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, i) => sameText(item, b[i]!));

const sameDuration = (a: Duration | null, b: Duration | null) => (a === null || b === null ? a === b : a.value === b.value && a.unit === b.unit);

/** The map a step opens, if any (the field may not be on every version of the Step type). */
const linkOf = (step: Step) => (step as { linkedMapId?: string | null }).linkedMapId ?? null;

const STEP_FIELD_DIFFERS: Record<StepField, (a: Step, b: Step) => boolean> = {
  title: (a, b) => !sameText(a.title, b.title),
  // an event's trigger (what it waits for or sends) is part of what kind of step it is
  kind: (a, b) => a.kind !== b.kind || (a.trigger ?? null) !== (b.trigger ?? null) || !!a.throwing !== !!b.throwing,
  role: (a, b) => a.roleId !== b.roleId,
  phase: (a, b) => (a.phaseId ?? null) !== (b.phaseId ?? null),
  description: (a, b) => !sameText(a.description, b.description),
  duration: (a, b) => !sameDuration(a.duration ?? null, b.duration ?? null),
  wait: (a, b) => !sameDuration(a.wait ?? null, b.wait ?? null),
  inputs: (a, b) => !sameList(a.inputs, b.inputs),
  outputs: (a, b) => !sameList(a.outputs, b.outputs),
  resources: (a, b) => !sameList(a.resources, b.resources),
  parties: (a, b) => partiesKey(a) !== partiesKey(b),
  raci: (a, b) => raciKey(a) !== raciKey(b),
  automation: (a, b) => (a.automation ?? 'manual') !== (b.automation ?? 'manual') || !sameText(a.system ?? '', b.system ?? ''),
  kpis: (a, b) => kpisKey(a.kpis) !== kpisKey(b.kpis),
  link: (a, b) => linkOf(a) !== linkOf(b),
};

/** A step's outside parties, in a canonical order (the order they were named in does not matter). */
const partiesKey = (s: Step) =>
  (s.parties ?? [])
    .map((p) => `${p.kind}\u0000${p.item.normalize('NFC')}\u0000${p.party.normalize('NFC')}`)
    .sort()
    .join('\u0001');
/** A step's RACI letters by role, in a canonical order. */
const raciKey = (s: Step) =>
  Object.entries(s.raci ?? {})
    .map(([roleId, letter]) => `${roleId}=${letter}`)
    .sort()
    .join(',');

/** KPIs in their order, names and units normalised (the order shown is part of them). */
const kpisKey = (kpis: Kpi[] | undefined) =>
  JSON.stringify((kpis ?? []).map((k) => [k.name.normalize('NFC'), k.unit.normalize('NFC'), k.target, k.current, k.better]));

/** The board's notes: quadrant, text and linked steps, in their order. */
const swotKey = (doc: MapDoc) => JSON.stringify((doc.swot ?? []).map((n) => [n.quadrant, n.text.normalize('NFC'), [...n.stepIds].sort()]));

/** The canvas's notes: text and the step each annotates, by id (where a note stands, and its width, are layout). */
const notesKey = (doc: MapDoc) =>
  JSON.stringify(
    Object.values(doc.notes ?? {})
      .map((n) => [n.id, n.text.normalize('NFC'), n.stepId ?? null])
      .sort((a, b) => byId(a[0] as string, b[0] as string)),
  );

const positionDiffers = (a: Step, b: Step) => a.x !== b.x || a.y !== b.y || !!a.pinned !== !!b.pinned;

/** A record's own entry (never something inherited, whatever the id). */
function own<T>(records: Record<string, T>, id: string): T | undefined {
  return Object.hasOwn(records, id) ? records[id] : undefined;
}

/** Locale-independent, so the order is the same on every machine. */
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Position of each id in a list already in order. */
const ranks = (ordered: readonly { id: string }[]) => new Map(ordered.map((r, i) => [r.id, i]));

/** Each step's place in the map's reading order: phase column, x, lane, y, id. */
function stepRanks(doc: MapDoc): Map<string, number> {
  const column = ranks(orderedPhases(doc));
  const lane = ranks(orderedRoles(doc));
  // steps without a (known) phase sit in the column in front, as the canvas draws them
  const col = (s: Step) => (s.phaseId === null ? undefined : column.get(s.phaseId)) ?? -1;
  const row = (s: Step) => lane.get(s.roleId) ?? lane.size;
  const steps = Object.values(doc.steps).sort((a, b) => col(a) - col(b) || a.x - b.x || row(a) - row(b) || a.y - b.y || byId(a.id, b.id));
  return ranks(steps);
}

/** Flows in the order of the steps they leave, then of the steps they enter. */
function flowRanks(doc: MapDoc, steps: Map<string, number>): Map<string, number> {
  const at = (id: string) => steps.get(id) ?? steps.size;
  const flows = Object.values(doc.flows).sort((a: Flow, b: Flow) => at(a.fromStepId) - at(b.fromStepId) || at(a.toStepId) - at(b.toStepId) || byId(a.id, b.id));
  return ranks(flows);
}

function inOrder<T>(items: T[], rank: Map<string, number>, idOf: (item: T) => string): T[] {
  const at = (item: T) => rank.get(idOf(item)) ?? rank.size;
  return items.sort((a, b) => at(a) - at(b) || byId(idOf(a), idOf(b)));
}

const asId = (id: string) => id;

/** Ids in `newer` and not in `older`, and ids in `older` and not in `newer`. */
function addedRemoved(older: Record<string, unknown>, newer: Record<string, unknown>, olderRank: Map<string, number>, newerRank: Map<string, number>) {
  const added = Object.keys(newer).filter((id) => !Object.hasOwn(older, id));
  const removed = Object.keys(older).filter((id) => !Object.hasOwn(newer, id));
  return { added: inOrder(added, newerRank, asId), removed: inOrder(removed, olderRank, asId) };
}

/** Ids present in both versions whose name differs. */
function renamed<T extends { name: string }>(older: Record<string, T>, newer: Record<string, T>, newerRank: Map<string, number>): string[] {
  const ids = Object.keys(newer).filter((id) => {
    const before = own(older, id);
    return before !== undefined && !sameText(before.name, newer[id]!.name);
  });
  return inOrder(ids, newerRank, asId);
}

export function compareMaps(older: MapDoc, newer: MapDoc): MapComparison {
  const olderSteps = stepRanks(older);
  const newerSteps = stepRanks(newer);

  const changed: StepChange[] = [];
  const moved: string[] = [];
  for (const [id, after] of Object.entries(newer.steps)) {
    const before = own(older.steps, id);
    if (!before) continue;
    const fields = STEP_FIELDS.filter((f) => STEP_FIELD_DIFFERS[f](before, after));
    if (fields.length > 0) changed.push({ id, fields });
    else if (positionDiffers(before, after)) moved.push(id);
  }

  const flowChanges: FlowChange[] = [];
  for (const [id, after] of Object.entries(newer.flows)) {
    const before = own(older.flows, id);
    if (!before) continue;
    const fields: FlowChange['fields'] = [];
    if (!sameText(before.label, after.label)) fields.push('label');
    if (before.fromStepId !== after.fromStepId || before.toStepId !== after.toStepId) fields.push('ends');
    if ((before.share ?? null) !== (after.share ?? null)) fields.push('share');
    if (!!before.message !== !!after.message) fields.push('message');
    if (fields.length > 0) flowChanges.push({ id, fields });
  }

  const olderFlows = flowRanks(older, olderSteps);
  const newerFlows = flowRanks(newer, newerSteps);
  const olderRoles = ranks(orderedRoles(older));
  const newerRoles = ranks(orderedRoles(newer));
  const olderPhases = ranks(orderedPhases(older));
  const newerPhases = ranks(orderedPhases(newer));

  const map: MapComparison['map'] = [];
  if (!sameText(older.title, newer.title)) map.push('title');
  if (!sameText(older.description, newer.description)) map.push('description');
  if (swotKey(older) !== swotKey(newer)) map.push('swot');
  if ((older.reviewEveryMonths ?? null) !== (newer.reviewEveryMonths ?? null) || (older.nextReview ?? null) !== (newer.nextReview ?? null)) map.push('review');
  if (notesKey(older) !== notesKey(newer)) map.push('notes');
  const phaseKpis = Object.keys(newer.phases).filter((id) => {
    const before = own(older.phases, id);
    return before !== undefined && kpisKey(before.kpis) !== kpisKey(newer.phases[id]!.kpis);
  });

  const result: Omit<MapComparison, 'same'> = {
    steps: {
      ...addedRemoved(older.steps, newer.steps, olderSteps, newerSteps),
      changed: inOrder(changed, newerSteps, (c) => c.id),
      moved: inOrder(moved, newerSteps, asId),
    },
    flows: {
      ...addedRemoved(older.flows, newer.flows, olderFlows, newerFlows),
      changed: inOrder(flowChanges, newerFlows, (c) => c.id),
    },
    roles: { ...addedRemoved(older.roles, newer.roles, olderRoles, newerRoles), renamed: renamed(older.roles, newer.roles, newerRoles) },
    phases: {
      ...addedRemoved(older.phases, newer.phases, olderPhases, newerPhases),
      renamed: renamed(older.phases, newer.phases, newerPhases),
      kpis: inOrder(phaseKpis, newerPhases, asId),
    },
    map,
  };
  const { steps, flows, roles, phases } = result;
  const same = [
    steps.added,
    steps.removed,
    steps.changed,
    flows.added,
    flows.removed,
    flows.changed,
    roles.added,
    roles.removed,
    roles.renamed,
    phases.added,
    phases.removed,
    phases.renamed,
    phases.kpis,
    map,
  ].every((list) => list.length === 0);
  return { ...result, same };
}
