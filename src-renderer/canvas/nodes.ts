/** Turns the document into React Flow nodes and edges (pure; memoised by the canvas). */
import { MarkerType, Position, type Node } from '@xyflow/react';
import type { FlowEdgeType } from './FlowEdge';
import { LANE_LEFT, stepSize, type MapGeometry } from '../../shared/model/geometry';
import { isDown, phaseHeaderSize, toScreen } from './frame';
import { STEP_KINDS, type Flow, type MapDoc, type Phase, type Role, type Step, type StepKind } from '../../shared/model/types';
import type { Selection } from '../store/editorStore';
import { t } from '../i18n';
import { createNoteBuilder, type NoteNodeType } from '../notes/noteNodes';

export type StepNodeData = { step: Step; role: Role | undefined; down: boolean };
/** `length` runs along the flow, `thickness` across it (a row's height, or a column's width when down). */
export type LaneNodeData = { role: Role; length: number; thickness: number; stepCount: number; down: boolean };
export type StepNodeType = Node<StepNodeData, 'step'>;
export type LaneNodeType = Node<LaneNodeData, 'lane'>;
export type PhaseNodeData = { phase: Phase | null; length: number; thickness: number; header: number; stepCount: number; down: boolean };
export type PhaseNodeType = Node<PhaseNodeData, 'phase'>;
export type CanvasNode = StepNodeType | LaneNodeType | PhaseNodeType | NoteNodeType;

export const LANE_NODE_PREFIX = 'lane:';
export const PHASE_NODE_PREFIX = 'phase:';
/** Removed steps drawn from an older version while comparing (review/compareOverlay.ts). */
export const REMOVED_NODE_PREFIX = 'removed:';
/** Lanes, phase columns and removed steps are backdrop, not things to select or connect. */
export const isBackdrop = (id: string) => id.startsWith(LANE_NODE_PREFIX) || id.startsWith(PHASE_NODE_PREFIX) || id.startsWith(REMOVED_NODE_PREFIX);

const backdrop = { draggable: false, selectable: false, connectable: false, focusable: false, deletable: false, zIndex: -1 } as const;

/** A node's place and size on screen from its place and size in the map's frame. */
function placed(down: boolean, frame: { x: number; y: number; along: number; across: number }) {
  const position = toScreen(down, frame);
  const [width, height] = down ? [frame.across, frame.along] : [frame.along, frame.across];
  return { position, width, height, style: down ? { width: frame.across, height: frame.along } : { width: frame.along, height: frame.across } };
}

/** React Flow's handle box (styles.css `.react-flow__handle`: 9 px, centred on the card's edge). */
const HANDLE = 9;

/**
 * Where a step's two handles are, from its size: given to React Flow with the node's width and
 * height so that a step never drawn (off screen) still has a size and handle places. React Flow
 * then draws only what is visible from the first frame on (it mounts every unmeasured node once
 * otherwise), and a flow to a step off screen is still drawn to the right point.
 */
export function stepHandles(down: boolean, width: number, height: number): NonNullable<Node['handles']> {
  const h = HANDLE / 2;
  return down
    ? [
        { type: 'target', position: Position.Top, x: width / 2 - h, y: -h, width: HANDLE, height: HANDLE },
        { type: 'source', position: Position.Bottom, x: width / 2 - h, y: height - h, width: HANDLE, height: HANDLE },
      ]
    : [
        { type: 'target', position: Position.Left, x: -h, y: height / 2 - h, width: HANDLE, height: HANDLE },
        { type: 'source', position: Position.Right, x: width - h, y: height / 2 - h, width: HANDLE, height: HANDLE },
      ];
}

type StepEntry = { step: Step; role: Role | undefined; down: boolean; x: number; y: number; selected: boolean; language: string; node: StepNodeType };
type FlowEntry = { flow: Flow; from: string | undefined; to: string | undefined; down: boolean; selected: boolean; language: string; edge: FlowEdgeType };

/**
 * Builds the canvas's nodes and edges, remembering each step's and flow's node between calls:
 * a click or an edit makes new objects only for the steps and flows it changed (their selection,
 * their step, their role, their place), so neither this nor React Flow does work for the others.
 */
export function createCanvasBuilder() {
  let steps = new Map<string, StepEntry>();
  let flows = new Map<string, FlowEntry>();
  let backdrop: { doc: MapDoc; geometry: MapGeometry; language: string; nodes: CanvasNode[] } | null = null;
  const notes = createNoteBuilder();
  return {
    nodes(doc: MapDoc, geometry: MapGeometry, selection: Selection, language = ''): CanvasNode[] {
      const down = isDown(doc);
      const words = stepWords();
      const selected = new Set(selection.steps);
      const next = new Map<string, StepEntry>();
      const stepNodes: StepNodeType[] = [];
      for (const s of Object.values(doc.steps)) {
        const at = toScreen(down, geometry.positions.get(s.id)!);
        const role = doc.roles[s.roleId];
        const on = selected.has(s.id);
        const old = steps.get(s.id);
        const entry =
          old && old.step === s && old.role === role && old.down === down && old.x === at.x && old.y === at.y && old.selected === on && old.language === language
            ? old
            : { step: s, role, down, x: at.x, y: at.y, selected: on, language, node: stepNode(s, role, down, at, on, words) };
        next.set(s.id, entry);
        stepNodes.push(entry.node);
      }
      steps = next;
      // lanes and columns change with the map, not with a click
      if (!backdrop || backdrop.doc !== doc || backdrop.geometry !== geometry || backdrop.language !== language)
        backdrop = { doc, geometry, language, nodes: backdropNodes(doc, geometry) };
      return [...backdrop.nodes, ...stepNodes, ...notes(doc, geometry, selection.notes, language)];
    },
    edges(doc: MapDoc, selection: Selection, language = ''): FlowEdgeType[] {
      const down = isDown(doc);
      const words = flowWords();
      const selected = new Set(selection.flows);
      const next = new Map<string, FlowEntry>();
      const out: FlowEdgeType[] = [];
      for (const f of Object.values(doc.flows)) {
        const from = doc.steps[f.fromStepId]?.title;
        const to = doc.steps[f.toStepId]?.title;
        const on = selected.has(f.id);
        const old = flows.get(f.id);
        const entry =
          old && old.flow === f && old.from === from && old.to === to && old.down === down && old.selected === on && old.language === language
            ? old
            : { flow: f, from, to, down, selected: on, language, edge: flowEdge(f, from, to, down, on, words) };
        next.set(f.id, entry);
        out.push(entry.edge);
      }
      flows = next;
      return out;
    },
  };
}

/** The lanes' nodes: full-length bands, one per role (also what the frozen lane names follow). */
export function laneNodes(doc: MapDoc, geometry: MapGeometry): LaneNodeType[] {
  const down = isDown(doc);
  const length = Math.max(2400, geometry.right + 800) - LANE_LEFT;
  const counts = new Map<string, number>();
  for (const s of Object.values(doc.steps)) counts.set(s.roleId, (counts.get(s.roleId) ?? 0) + 1);
  return geometry.lanes.map((l) => ({
    id: LANE_NODE_PREFIX + l.role.id,
    type: 'lane',
    ...placed(down, { x: LANE_LEFT, y: l.top, along: length, across: l.height }),
    data: { role: l.role, length, thickness: l.height, stepCount: counts.get(l.role.id) ?? 0, down },
    domAttributes: { 'aria-roledescription': t('editor.roles.lane') },
    ...backdrop,
  }));
}

/** The lanes' and phase columns' nodes (a handful; the canvas keeps the unchanged ones, stable.ts). */
function backdropNodes(doc: MapDoc, geometry: MapGeometry): CanvasNode[] {
  const down = isDown(doc);
  const phaseCounts = new Map<string | null, number>();
  for (const s of Object.values(doc.steps)) {
    const key = s.phaseId && doc.phases[s.phaseId] ? s.phaseId : null;
    phaseCounts.set(key, (phaseCounts.get(key) ?? 0) + 1);
  }
  const header = phaseHeaderSize(doc, geometry);
  const across = geometry.bottom + header;
  const phaseNodes: PhaseNodeType[] = geometry.columns.map((c) => ({
    id: PHASE_NODE_PREFIX + (c.phase?.id ?? 'none'),
    type: 'phase',
    ...placed(down, { x: c.left, y: -header, along: c.width, across }),
    data: { phase: c.phase, length: c.width, thickness: across, header, stepCount: phaseCounts.get(c.phase?.id ?? null) ?? 0, down },
    domAttributes: { 'aria-roledescription': t('editor.roles.phase') },
    ...backdrop,
  }));
  return [...laneNodes(doc, geometry), ...phaseNodes];
}

// The accessible names of thousands of steps and flows: the sentence is translated once per
// build, with markers where the words go, then filled in (i18next per node was ~10% of a click).
const A = '\u0001';
const B = '\u0002';
const C = '\u0003';
const fill = (template: string, a: string, b: string, c = '') => template.split(A).join(a).split(B).join(b).split(C).join(c);

type StepWords = ReturnType<typeof stepWords>;
function stepWords() {
  const kinds = Object.fromEntries(STEP_KINDS.map((k) => [k, t(`common.kinds.${k}`)])) as Record<StepKind, string>;
  return { label: t('editor.stepLabel', { kind: A, title: B }), kinds, untitled: t('editor.untitled'), dom: { 'aria-roledescription': t('editor.roles.step') } };
}
type FlowWords = ReturnType<typeof flowWords>;
function flowWords() {
  return {
    plain: t('editor.flowLabel', { from: A, to: B }),
    labelled: t('editor.flowLabelWithText', { from: A, to: B, label: C }),
    fallback: t('editor.flowEndFallback'),
    dom: { 'aria-roledescription': t('editor.roles.flow') },
  };
}

function stepNode(s: Step, role: Role | undefined, down: boolean, position: { x: number; y: number }, selected: boolean, words: StepWords): StepNodeType {
  const { width, height } = stepSize(s);
  return {
    id: s.id,
    type: 'step',
    position,
    width,
    height,
    handles: stepHandles(down, width, height),
    data: { step: s, role, down },
    selected,
    deletable: false,
    domAttributes: words.dom,
    ariaLabel: fill(words.label, words.kinds[s.kind], s.title || words.untitled),
  };
}

function flowEdge(f: Flow, from: string | undefined, to: string | undefined, down: boolean, selected: boolean, words: FlowWords): FlowEdgeType {
  return {
    id: f.id,
    source: f.fromStepId,
    target: f.toStepId,
    label: f.label || undefined,
    type: 'flow',
    data: { route: f.route && down ? f.route.map((p) => toScreen(true, p)) : f.route, down, ...(f.message ? { message: true } : {}) },
    selected,
    deletable: false,
    markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
    domAttributes: words.dom,
    ariaLabel: fill(f.label ? words.labelled : words.plain, from || words.fallback, to || words.fallback, f.label),
  };
}

/** The nodes of a map at once (a builder of its own; the canvas keeps one between renders). */
export function buildNodes(doc: MapDoc, geometry: MapGeometry, selection: Selection): CanvasNode[] {
  return createCanvasBuilder().nodes(doc, geometry, selection);
}

export function buildEdges(doc: MapDoc, selection: Selection): FlowEdgeType[] {
  return createCanvasBuilder().edges(doc, selection);
}
