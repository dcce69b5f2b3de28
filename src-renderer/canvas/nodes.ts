/** Turns the document into React Flow nodes and edges (pure; memoised by the canvas). */
import { MarkerType, type Node } from '@xyflow/react';
import type { FlowEdgeType } from './FlowEdge';
import { LANE_LEFT, type MapGeometry } from '../../shared/model/geometry';
import { isDown, phaseHeaderSize, toScreen } from './frame';
import type { MapDoc, Phase, Role, Step } from '../../shared/model/types';
import type { Selection } from '../store/editorStore';
import { t } from '../i18n';

export type StepNodeData = { step: Step; role: Role | undefined; down: boolean };
/** `length` runs along the flow, `thickness` across it (a row's height, or a column's width when down). */
export type LaneNodeData = { role: Role; length: number; thickness: number; stepCount: number; down: boolean };
export type StepNodeType = Node<StepNodeData, 'step'>;
export type LaneNodeType = Node<LaneNodeData, 'lane'>;
export type PhaseNodeData = { phase: Phase | null; length: number; thickness: number; header: number; stepCount: number; down: boolean };
export type PhaseNodeType = Node<PhaseNodeData, 'phase'>;
export type CanvasNode = StepNodeType | LaneNodeType | PhaseNodeType;

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
  return { position, style: down ? { width: frame.across, height: frame.along } : { width: frame.along, height: frame.across } };
}

export function buildNodes(doc: MapDoc, geometry: MapGeometry, selection: Selection): CanvasNode[] {
  const { lanes, columns, positions } = geometry;
  const down = isDown(doc);
  const length = Math.max(2400, geometry.right + 800) - LANE_LEFT;
  const counts = new Map<string, number>();
  for (const s of Object.values(doc.steps)) counts.set(s.roleId, (counts.get(s.roleId) ?? 0) + 1);
  const laneNodes: LaneNodeType[] = lanes.map((l) => ({
    id: LANE_NODE_PREFIX + l.role.id,
    type: 'lane',
    ...placed(down, { x: LANE_LEFT, y: l.top, along: length, across: l.height }),
    data: { role: l.role, length, thickness: l.height, stepCount: counts.get(l.role.id) ?? 0, down },
    domAttributes: { 'aria-roledescription': t('editor.roles.lane') },
    ...backdrop,
  }));
  const phaseCounts = new Map<string | null, number>();
  for (const s of Object.values(doc.steps)) {
    const key = s.phaseId && doc.phases[s.phaseId] ? s.phaseId : null;
    phaseCounts.set(key, (phaseCounts.get(key) ?? 0) + 1);
  }
  const header = phaseHeaderSize(doc, geometry);
  const across = geometry.bottom + header;
  const phaseNodes: PhaseNodeType[] = columns.map((c) => ({
    id: PHASE_NODE_PREFIX + (c.phase?.id ?? 'none'),
    type: 'phase',
    ...placed(down, { x: c.left, y: -header, along: c.width, across }),
    data: { phase: c.phase, length: c.width, thickness: across, header, stepCount: phaseCounts.get(c.phase?.id ?? null) ?? 0, down },
    domAttributes: { 'aria-roledescription': t('editor.roles.phase') },
    ...backdrop,
  }));
  const selected = new Set(selection.steps);
  const stepNodes: StepNodeType[] = Object.values(doc.steps).map((s) => ({
    id: s.id,
    type: 'step',
    position: toScreen(down, positions.get(s.id)!),
    data: { step: s, role: doc.roles[s.roleId], down },
    selected: selected.has(s.id),
    deletable: false,
    domAttributes: { 'aria-roledescription': t('editor.roles.step') },
    ariaLabel: t('editor.stepLabel', { kind: t(`common.kinds.${s.kind}`), title: s.title || t('editor.untitled') }),
  }));
  return [...laneNodes, ...phaseNodes, ...stepNodes];
}

export function buildEdges(doc: MapDoc, selection: Selection): FlowEdgeType[] {
  const selected = new Set(selection.flows);
  return Object.values(doc.flows).map((f) => ({
    id: f.id,
    source: f.fromStepId,
    target: f.toStepId,
    label: f.label || undefined,
    type: 'flow',
    data: { route: f.route && isDown(doc) ? f.route.map((p) => toScreen(true, p)) : f.route, down: isDown(doc) },
    selected: selected.has(f.id),
    deletable: false,
    markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
    domAttributes: { 'aria-roledescription': t('editor.roles.flow') },
    ariaLabel: t(f.label ? 'editor.flowLabelWithText' : 'editor.flowLabel', {
      from: doc.steps[f.fromStepId]?.title || t('editor.flowEndFallback'),
      to: doc.steps[f.toStepId]?.title || t('editor.flowEndFallback'),
      label: f.label,
    }),
  }));
}
