/**
 * Seeded random process maps for the layout's property tests and the bench: mostly chains,
 * with decisions (2-3 branches), merges, loops back, unphased and pinned steps. Same seed,
 * same map.
 */
import type { MapDoc, StepKind } from '../../shared/model/types';
import { buildMap, type FlowSpec, type StepSpec } from './builders';

/** mulberry32: tiny, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RandomMapSpec {
  seed: number;
  steps: number;
  lanes: number;
  /** 0 = a map without phases. */
  phases: number;
  /** Share of steps without a phase (0..1). */
  unphased?: number;
  /** Share of steps pinned where the generator put them (0..1). */
  pinned?: number;
  /** Share of steps that get a flow back to an earlier step (0..1). */
  loops?: number;
  /** Share of steps that are decisions (0..1). */
  decisions?: number;
}

const TITLES = [
  'Квалификация лида',
  'Звонок клиенту',
  'Подготовка КП',
  'Согласование скидки с руководителем отдела',
  'Демо',
  'Счёт',
  'Договор подписан?',
  'Отгрузка',
  'Сбор обратной связи',
  'План продаж',
];

/**
 * A map whose step i is drawn at x = i * 260 (so "earlier" in the generator is "left" in the
 * drawing), phases advancing with i, flows from recent open steps to the next one.
 */
export function randomMap(spec: RandomMapSpec): MapDoc {
  const r = rng(spec.seed);
  const pick = <T>(list: T[]): T => list[Math.floor(r() * list.length)]!;
  const roles = Array.from({ length: spec.lanes }, (_, i) => ({ id: `r${i}` }));
  const phases = Array.from({ length: spec.phases }, (_, i) => ({ id: `ph${i}`, name: `Этап ${i + 1}`, order: i }));
  const steps: StepSpec[] = [];
  const flows: FlowSpec[] = [];
  /** Steps that still have outgoing flows to give, with how many. */
  const open: { id: string; left: number }[] = [];
  let lane = 0;
  for (let i = 0; i < spec.steps; i++) {
    const id = `s${i}`;
    const last = i === spec.steps - 1;
    const kind: StepKind = i === 0 ? 'start' : last ? 'end' : r() < (spec.decisions ?? 0.15) ? 'decision' : r() < 0.05 ? 'end' : 'task';
    if (r() < 0.4) lane = Math.floor(r() * spec.lanes);
    const phaseIndex = Math.min(spec.phases - 1, Math.floor((i * spec.phases) / spec.steps));
    const phaseId = spec.phases === 0 || r() < (spec.unphased ?? 0) ? null : `ph${phaseIndex}`;
    const words = 1 + Math.floor(r() * 6);
    const title = Array.from({ length: words }, () => pick(TITLES))
      .join(' ')
      .slice(0, 120);
    steps.push({ id, role: `r${lane}`, kind, title, phaseId, x: i * 260, y: 40 + Math.floor(r() * 3) * 10 });
    if (i > 0) {
      // connect from one of the most recent open steps (a chain, or a decision's next branch)
      const window = open.slice(-3);
      const src = window.length > 0 ? pick(window) : { id: `s${i - 1}`, left: 1 };
      flows.push({ id: `f${flows.length}`, from: src.id, to: id });
      src.left--;
      if (src.left <= 0) open.splice(open.indexOf(src), 1);
      // a merge: a second, earlier step also leads here
      if (r() < 0.1 && i > 2) {
        const other = `s${i - 2 - Math.floor(r() * Math.min(i - 2, 5))}`;
        if (other !== src.id) flows.push({ id: `f${flows.length}`, from: other, to: id });
      }
      // a loop back: "terms not agreed -> negotiate again"
      if (r() < (spec.loops ?? 0.08) && i > 2) {
        const target = `s${i - 1 - Math.floor(r() * Math.min(i - 1, 12))}`;
        flows.push({ id: `f${flows.length}`, from: id, to: target, label: 'нет' });
      }
    }
    if (kind !== 'end') open.push({ id, left: kind === 'decision' ? 2 + Math.floor(r() * 2) : 1 });
    if (open.length === 0) open.push({ id, left: 1 });
  }
  const doc = buildMap({ id: `rand-${spec.seed}`, roles, phases, steps, flows });
  const pinShare = spec.pinned ?? 0;
  if (pinShare > 0) for (const s of Object.values(doc.steps)) if (r() < pinShare) s.pinned = true;
  return doc;
}
