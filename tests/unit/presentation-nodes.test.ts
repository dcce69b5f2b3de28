/**
 * Walking a presentation one step changes the look of a few steps only: every other node and
 * edge must stay the same object, or React Flow redraws the whole map on each arrow key (about
 * a second per step on a 2,000-step map).
 */
import { describe, expect, test } from 'vitest';
import { mapGeometry } from '../../shared/model/geometry';
import type { MapDoc } from '../../shared/model/types';
import { buildEdges, buildNodes, type CanvasNode } from '../../src-renderer/canvas/nodes';
import type { FlowEdgeType } from '../../src-renderer/canvas/FlowEdge';
import { presentationEdges, presentationNodes, type RestyleCache } from '../../src-renderer/presentation/stableNodes';

function chain(n: number): MapDoc {
  const doc: MapDoc = {
    id: 'm',
    title: 'Chain',
    description: '',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    roles: { r: { id: 'r', name: 'Sales', color: '#2f80ed', order: 0 } },
    phases: {},
    steps: {},
    flows: {},
    comments: {},
    painPoints: {},
  };
  for (let i = 0; i < n; i++) {
    doc.steps[`s${i}`] = {
      id: `s${i}`,
      kind: 'task',
      title: `Step ${i}`,
      description: '',
      roleId: 'r',
      phaseId: null,
      x: i * 220,
      y: 30,
      duration: null,
      inputs: [],
      outputs: [],
      resources: [],
    };
    if (i > 0) doc.flows[`f${i}`] = { id: `f${i}`, fromStepId: `s${i - 1}`, toStepId: `s${i}`, label: '' };
  }
  return doc;
}

/** The classes of a walk at step `at` (as Presentation.tsx gives them). */
const walkAt = (at: number) => (id: string) => `pres-node${id === `s${at}` ? ' is-current' : id === `s${at + 1}` ? ' is-next' : ' is-dimmed'}`;
const edgeAt = (at: number) => (e: FlowEdgeType) => (e.source === `s${at}` ? 'pres-edge' : 'pres-edge is-dimmed');

describe('presentation nodes between two steps of a walk', () => {
  const doc = chain(50);
  const base = buildNodes(doc, mapGeometry(doc), { steps: [], flows: [] });
  const baseEdges = buildEdges(doc, { steps: [], flows: [] });

  test('only the steps whose look changes are new objects; the rest are kept', () => {
    const cache: RestyleCache<CanvasNode> = new WeakMap();
    const first = presentationNodes(base, walkAt(10), cache);
    const second = presentationNodes(base, walkAt(11), cache);
    const changed = second.filter((n, i) => n !== first[i]).map((n) => n.id);
    // s10 current -> dimmed, s11 next -> current, s12 dimmed -> next
    expect(changed.sort()).toEqual(['s10', 's11', 's12']);
    expect(second.find((n) => n.id === 's11')).toMatchObject({ className: 'pres-node is-current', selectable: false, draggable: false, focusable: false });
  });

  test('edges likewise: only the ones lit or dimmed anew', () => {
    const cache: RestyleCache<FlowEdgeType> = new WeakMap();
    const first = presentationEdges(baseEdges, edgeAt(10), cache);
    const second = presentationEdges(baseEdges, edgeAt(11), cache);
    expect(second.filter((e, i) => e !== first[i]).map((e) => e.id)).toEqual(['f11', 'f12']);
    expect(second.find((e) => e.id === 'f12')).toMatchObject({ className: 'pres-edge', selectable: false });
  });

  test('the editor nodes are never changed', () => {
    const before = JSON.stringify(base);
    presentationNodes(base, walkAt(3), new WeakMap());
    expect(JSON.stringify(base)).toBe(before);
  });
});
