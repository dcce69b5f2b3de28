/**
 * The SIPOC of a map (issue 10, part 3): Suppliers, Inputs, Process, Outputs, Customers,
 * derived from the map's steps, their inputs and outputs, and the outside parties marked on
 * them. Nothing is stored: every edit of the map changes it at once.
 *
 * Rows ("groups"):
 * - one per phase, in phase order, plus a first "no phase" row while some steps have none;
 * - one per step instead, in reading order, when the map has no phases or is a landscape (its
 *   steps other than start and end are mostly — more than half — sub-processes). Start and end
 *   steps then get a row only if they carry inputs or outputs.
 *
 * Items are compared by `foldText` (case, «ё»/«е», spaces), as the checks compare them; within a
 * row an item is listed once, with its first spelling (steps in reading order, items in order).
 *
 * Inputs of a row: each input of its steps, with its suppliers, decided in this order:
 * 1. marked as coming from an outside party (`step.parties`, kind 'inputs'): that party;
 * 2. an output of a step of the same row: internal, not listed;
 * 3. an output of steps of other rows: the roles of those steps;
 * 4. an input of a start step: it comes from outside the map, from the start step's role;
 * 5. otherwise listed with no supplier (shown as "supplier unknown").
 *
 * Outputs of a row: each output of its steps, with its customers:
 * 1. marked as going to an outside party (kind 'outputs'): that party;
 * 2. an input of steps of other rows: the roles of those steps (also listed when steps of the
 *    same row use it too);
 * 3. used only within the row: internal, not listed;
 * 4. an output of an end step: it leaves the map, to the end step's role;
 * 5. otherwise (nobody uses it) listed with no customer (shown as "customer unknown").
 *
 * Suppliers and Customers of a row: the names above, each once (folded), in order of first use.
 * Process: the row's tasks, sub-processes and decisions, titles in reading order (start and end
 * are events).
 */
import { partiesOf } from '../analysis/checks';
import { orderedPhases } from '../model/geometry';
import { foldText } from '../model/search';
import type { MapDoc, Step } from '../model/types';
import { stepsInReadingOrder } from './raci';
import type { Sheet, SheetLang } from './sheet';

/** Who supplies an input or receives an output: a role (lane) of the map or an outside party. */
export interface SipocParty {
  name: string;
  /** The role's id, for a role of the map; absent for an outside party. */
  roleId?: string;
}

export interface SipocItem {
  /** As first written. */
  item: string;
  /** Suppliers (of an input) or customers (of an output); empty: unknown. */
  parties: SipocParty[];
  /** The row's steps that take it in (inputs) or make it (outputs). */
  stepIds: string[];
}

export interface SipocRow {
  /** The phase's id; for a step row the step's id; null for the "no phase" row. */
  id: string | null;
  kind: 'phase' | 'no-phase' | 'step';
  /** The phase's name or the step's title ('' for the "no phase" row: the interface names it). */
  name: string;
  suppliers: SipocParty[];
  inputs: SipocItem[];
  process: Step[];
  outputs: SipocItem[];
  customers: SipocParty[];
}

export interface Sipoc {
  /** 'phases': one row per phase; 'steps': one per step (no phases, or a landscape map). */
  by: 'phases' | 'steps';
  /** Why rows are steps. */
  reason?: 'no-phases' | 'landscape';
  rows: SipocRow[];
}

/** Steps that are no activity of the process column: events (start, end, something awaited or sent) and parallel splits/joins. */
const EVENTS: readonly Step['kind'][] = ['start', 'event', 'parallel', 'end'];

/** A landscape map: its steps other than start and end are mostly sub-processes. */
export function isLandscape(doc: MapDoc): boolean {
  const work = Object.values(doc.steps).filter((s) => !EVENTS.includes(s.kind));
  return work.length > 0 && work.filter((s) => s.kind === 'subprocess').length * 2 > work.length;
}

/**
 * Where an item is made (or used): the groups it is in, and per role the groups of its steps,
 * roles in the order first met. Bounded by roles × rows, however many steps share the item.
 */
interface ItemSites {
  groups: Set<number>;
  roles: Map<string, Set<number>>;
}

/** The SIPOC of `doc`: linear in steps plus items (each item folded once). */
export function sipoc(doc: MapDoc): Sipoc {
  const ordered = stepsInReadingOrder(doc);
  const phases = orderedPhases(doc);
  const reason = phases.length === 0 ? 'no-phases' : isLandscape(doc) ? 'landscape' : undefined;
  const folded = new Map<string, string>();
  const fold = (text: string) => {
    let key = folded.get(text);
    if (key === undefined) folded.set(text, (key = foldText(text)));
    return key;
  };

  // the groups: which row each step belongs to
  const groups: { row: SipocRow; steps: Step[] }[] = [];
  const groupOf = new Map<string, number>();
  const newRow = (id: string | null, kind: SipocRow['kind'], name: string) => {
    groups.push({ row: { id, kind, name, suppliers: [], inputs: [], process: [], outputs: [], customers: [] }, steps: [] });
    return groups.length - 1;
  };
  if (reason) {
    for (const s of ordered) {
      if (EVENTS.includes(s.kind) && s.inputs.length === 0 && s.outputs.length === 0) continue;
      const g = newRow(s.id, 'step', s.title);
      groupOf.set(s.id, g);
      groups[g]!.steps.push(s);
    }
  } else {
    const byPhase = new Map<string | null, number>();
    if (ordered.some((s) => !s.phaseId || !doc.phases[s.phaseId])) byPhase.set(null, newRow(null, 'no-phase', ''));
    for (const p of phases) byPhase.set(p.id, newRow(p.id, 'phase', p.name));
    for (const s of ordered) {
      const g = byPhase.get(s.phaseId && doc.phases[s.phaseId] ? s.phaseId : null)!;
      groupOf.set(s.id, g);
      groups[g]!.steps.push(s);
    }
  }

  // where each item (folded) is made and used
  const made = new Map<string, ItemSites>();
  const used = new Map<string, ItemSites>();
  const note = (index: Map<string, ItemSites>, item: string, s: Step) => {
    // a start or end step without items gets no row in a by-step SIPOC: it has nothing to note
    const g = groupOf.get(s.id);
    if (g === undefined) return;
    const key = fold(item);
    let sites = index.get(key);
    if (!sites) index.set(key, (sites = { groups: new Set(), roles: new Map() }));
    sites.groups.add(g);
    let at = sites.roles.get(s.roleId);
    if (!at) sites.roles.set(s.roleId, (at = new Set()));
    at.add(g);
  };
  for (const s of ordered) {
    for (const o of s.outputs) note(made, o, s);
    for (const i of s.inputs) note(used, i, s);
  }
  const roleParty = (roleId: string): SipocParty => ({ name: doc.roles[roleId]?.name ?? '', roleId });
  /** The roles with steps in another row than `g` making (or using) the item. */
  const rolesOutside = (sites: ItemSites | undefined, g: number) => {
    const out: SipocParty[] = [];
    for (const [roleId, at] of sites?.roles ?? []) if (at.size > 1 || !at.has(g)) out.push(roleParty(roleId));
    return out;
  };

  for (const [g, { row, steps }] of groups.entries()) {
    const inputs = new ItemList(fold);
    const outputs = new ItemList(fold);
    for (const s of steps) {
      if (!EVENTS.includes(s.kind)) row.process.push(s);
      const marked = partiesOf(s);
      for (const input of s.inputs) {
        const key = fold(input);
        const party = marked.inputs.get(key);
        const sites = made.get(key);
        if (party !== undefined) inputs.add(input, s.id, [{ name: party }]);
        else if (sites?.groups.has(g)) continue;
        else if (sites) inputs.add(input, s.id, rolesOutside(sites, g));
        else if (s.kind === 'start') inputs.add(input, s.id, [roleParty(s.roleId)]);
        else inputs.add(input, s.id, []);
      }
      for (const output of s.outputs) {
        const key = fold(output);
        const party = marked.outputs.get(key);
        const sites = used.get(key);
        const elsewhere = rolesOutside(sites, g);
        if (party !== undefined) outputs.add(output, s.id, [{ name: party }]);
        else if (elsewhere.length > 0) outputs.add(output, s.id, elsewhere);
        else if (sites?.groups.has(g)) continue;
        else if (s.kind === 'end') outputs.add(output, s.id, [roleParty(s.roleId)]);
        else outputs.add(output, s.id, []);
      }
    }
    row.inputs = inputs.items;
    row.outputs = outputs.items;
    row.suppliers = uniqueParties(
      row.inputs.flatMap((i) => i.parties),
      fold,
    );
    row.customers = uniqueParties(
      row.outputs.flatMap((o) => o.parties),
      fold,
    );
  }
  return { by: reason ? 'steps' : 'phases', ...(reason ? { reason } : {}), rows: groups.map((g) => g.row) };
}

/** A row's inputs or outputs: each item once (folded), first spelling kept, parties merged. */
class ItemList {
  items: SipocItem[] = [];
  private byKey = new Map<string, { item: SipocItem; parties: Set<string> }>();
  // a plain field, not a parameter property: the CLI runs this file with Node's type stripping
  private fold: (text: string) => string;
  constructor(fold: (text: string) => string) {
    this.fold = fold;
  }
  add(item: string, stepId: string, parties: SipocParty[]) {
    const key = this.fold(item);
    let entry = this.byKey.get(key);
    if (!entry) {
      entry = { item: { item: item.trim(), parties: [], stepIds: [] }, parties: new Set() };
      this.byKey.set(key, entry);
      this.items.push(entry.item);
    }
    const it = entry.item;
    if (it.stepIds[it.stepIds.length - 1] !== stepId) it.stepIds.push(stepId);
    for (const p of parties) {
      const name = this.fold(p.name);
      if (entry.parties.has(name)) continue;
      entry.parties.add(name);
      it.parties.push(p);
    }
  }
}

/** Each party once, by folded name (a role and an outside party of the same name are one). */
function uniqueParties(list: SipocParty[], fold: (text: string) => string): SipocParty[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const key = fold(p.name);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const WORDS = {
  en: {
    phase: 'Phase',
    step: 'Step',
    noPhase: 'No phase',
    suppliers: 'Suppliers',
    inputs: 'Inputs',
    process: 'Process',
    outputs: 'Outputs',
    customers: 'Customers',
    unknownSupplier: 'supplier unknown',
    unknownCustomer: 'customer unknown',
  },
  ru: {
    phase: 'Этап',
    step: 'Шаг',
    noPhase: 'Без этапа',
    suppliers: 'Поставщики',
    inputs: 'Входы',
    process: 'Процесс',
    outputs: 'Выходы',
    customers: 'Потребители',
    unknownSupplier: 'поставщик неизвестен',
    unknownCustomer: 'потребитель неизвестен',
  },
} as const;

/**
 * The SIPOC as a sheet: one row per phase (or step), the lists one entry a line; an input or
 * output with no known supplier or customer says so after it, in brackets.
 */
export function sipocSheet(doc: MapDoc, lang: SheetLang): Sheet {
  const w = WORDS[lang];
  const s = sipoc(doc);
  const lines = (list: string[]) => (list.length ? list.join('\n') : null);
  const items = (list: SipocItem[], unknown: string) => lines(list.map((i) => (i.parties.length ? i.item : `${i.item} (${unknown})`)));
  return {
    name: 'SIPOC',
    columns: [
      { header: s.by === 'phases' ? w.phase : w.step, width: 28 },
      { header: w.suppliers, width: 28 },
      { header: w.inputs, width: 36 },
      { header: w.process, width: 44 },
      { header: w.outputs, width: 36 },
      { header: w.customers, width: 28 },
    ],
    rows: s.rows.map((r) => [
      r.kind === 'no-phase' ? w.noPhase : r.name,
      lines(r.suppliers.map((p) => p.name)),
      items(r.inputs, w.unknownSupplier),
      lines(r.process.map((p) => p.title)),
      items(r.outputs, w.unknownCustomer),
      lines(r.customers.map((p) => p.name)),
    ]),
  };
}
