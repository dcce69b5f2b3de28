/**
 * Small builders for process-map fixtures. Ids are explicit so tests can talk about
 * "the step «Квалификация лида»" by id; everything else has a sensible default.
 */
import { mapFields } from '../../shared/model/diff';
import { changedFields, pickFields, TABLES } from '../../shared/model/rows';
import type { Duration, MapDoc, Phase, Role, Step, StepKind } from '../../shared/model/types';

export interface RoleSpec {
  id: string;
  name?: string;
  color?: string;
}

export interface StepSpec {
  id: string;
  role: string;
  title?: string;
  kind?: StepKind;
  x?: number;
  y?: number;
  description?: string;
  phaseId?: string | null;
  duration?: Duration | null;
  inputs?: string[];
  outputs?: string[];
  resources?: string[];
}

export interface FlowSpec {
  id?: string;
  from: string;
  to: string;
  label?: string;
}

export interface MapSpec {
  id?: string;
  title?: string;
  description?: string;
  createdAt?: string;
  updatedAt?: string;
  roles?: RoleSpec[];
  phases?: Phase[];
  steps?: StepSpec[];
  flows?: FlowSpec[];
}

const ROLE_NAMES = ['Менеджер по продажам', 'Клиент', 'Руководитель отдела продаж', 'Бухгалтерия'];
const COLORS = ['#2f80ed', '#27ae60', '#f2994a', '#eb5757'];

/** A map document from a compact spec: roles get their list position as lane order. */
export function buildMap(spec: MapSpec = {}): MapDoc {
  const roles: Record<string, Role> = {};
  (spec.roles ?? []).forEach((r, order) => {
    roles[r.id] = { id: r.id, name: r.name ?? ROLE_NAMES[order % ROLE_NAMES.length]!, color: r.color ?? COLORS[order % COLORS.length]!, order };
  });
  const phases: Record<string, Phase> = {};
  for (const p of spec.phases ?? []) phases[p.id] = { ...p };
  const steps: Record<string, Step> = {};
  (spec.steps ?? []).forEach((s, i) => {
    steps[s.id] = {
      id: s.id,
      kind: s.kind ?? 'task',
      title: s.title ?? `Шаг ${i + 1}`,
      description: s.description ?? '',
      roleId: s.role,
      phaseId: s.phaseId ?? null,
      x: s.x ?? i * 260,
      y: s.y ?? 40,
      duration: s.duration ?? null,
      inputs: s.inputs ?? [],
      outputs: s.outputs ?? [],
      resources: s.resources ?? [],
    };
  });
  const flows: MapDoc['flows'] = {};
  for (const f of spec.flows ?? []) {
    const id = f.id ?? `f-${f.from}-${f.to}`;
    flows[id] = { id, fromStepId: f.from, toStepId: f.to, label: f.label ?? '' };
  }
  return {
    id: spec.id ?? 'map-1',
    title: spec.title ?? 'Продажа B2B',
    description: spec.description ?? '',
    createdAt: spec.createdAt ?? '2026-03-01T09:00:00.000Z',
    updatedAt: spec.updatedAt ?? '2026-03-01T09:00:00.000Z',
    roles,
    phases,
    steps,
    flows,
    comments: {},
    painPoints: {},
  };
}

/**
 * A realistic small sales process. Every id starts with `p` (ids are unique across the whole
 * library, so two stored copies need two prefixes).
 */
export function salesMap(p = 's', overrides: Partial<MapSpec> = {}): MapDoc {
  return buildMap({
    id: `${p}-map`,
    title: 'Воронка продаж: от заявки до сделки',
    description: 'Как отдел продаж ведёт лида',
    roles: [
      { id: `${p}-manager`, name: 'Менеджер по продажам', color: '#2f80ed' },
      { id: `${p}-client`, name: 'Клиент', color: '#27ae60' },
      { id: `${p}-head`, name: 'Руководитель отдела продаж', color: '#f2994a' },
    ],
    steps: [
      { id: `${p}-lead`, role: `${p}-manager`, kind: 'start', title: 'Заявка поступила', x: 0, y: 50 },
      {
        id: `${p}-qualify`,
        role: `${p}-manager`,
        title: 'Квалификация лида',
        x: 260,
        y: 40,
        duration: { value: 30, unit: 'min' },
        inputs: ['Заявка с сайта', 'Карточка лида'],
        outputs: ['Квалифицированный лид'],
        resources: ['CRM', 'Скрипт звонка'],
      },
      { id: `${p}-offer`, role: `${p}-head`, title: 'Согласование скидки', x: 520, y: 40, duration: { value: 1.5, unit: 'h' } },
      { id: `${p}-decide`, role: `${p}-client`, kind: 'decision', title: 'Клиент согласен?', x: 780, y: 30 },
      { id: `${p}-won`, role: `${p}-manager`, kind: 'end', title: 'Сделка закрыта', x: 1040, y: 50, outputs: ['Договор', 'Счёт'] },
    ],
    flows: [
      { id: `${p}-f1`, from: `${p}-lead`, to: `${p}-qualify` },
      { id: `${p}-f2`, from: `${p}-qualify`, to: `${p}-offer` },
      { id: `${p}-f3`, from: `${p}-offer`, to: `${p}-decide` },
      { id: `${p}-f4`, from: `${p}-decide`, to: `${p}-won`, label: 'да' },
      { id: `${p}-f5`, from: `${p}-decide`, to: `${p}-qualify`, label: 'нет' },
    ],
    ...overrides,
  });
}

/** The document without its timestamps: what a user sees of a map. */
export function content(doc: MapDoc): Omit<MapDoc, 'createdAt' | 'updatedAt'> {
  const { createdAt: _c, updatedAt: _u, ...rest } = doc;
  return rest;
}

/**
 * Adds to a hand-made change the expectations the editor would send against `doc` (the map as
 * stored): null for rows `doc` lacks, the old values of changed fields, whole rows for removals.
 */
export function withExpectations<C extends { map?: unknown; upsert: Record<string, unknown[]>; remove: Record<string, unknown[]> }>(doc: MapDoc, c: C) {
  const expect: Record<string, unknown> = {};
  for (const t of TABLES) {
    const rows = doc[t] as Record<string, object>;
    const out: { id: unknown; before: Record<string, unknown> | null }[] = [];
    const list = (x: unknown) => (Array.isArray(x) ? x : []);
    for (const r of list(c.upsert[t]) as { id: unknown }[]) {
      const old = typeof r?.id === 'string' && Object.hasOwn(rows, r.id) ? rows[r.id] : undefined;
      out.push({ id: r?.id, before: old ? pickFields(old, changedFields(old, r)) : null });
    }
    for (const id of list(c.remove[t])) {
      const old = typeof id === 'string' && Object.hasOwn(rows, id) ? rows[id] : undefined;
      out.push({ id, before: old ? pickFields(old, Object.keys(old)) : {} });
    }
    expect[t] = out;
  }
  if (c.map && typeof c.map === 'object') {
    const fields = mapFields(doc) as Record<string, unknown>;
    expect.map = Object.fromEntries(Object.keys(c.map).map((k) => [k, Object.hasOwn(fields, k) ? fields[k] : null]));
  }
  return { ...c, expect };
}
