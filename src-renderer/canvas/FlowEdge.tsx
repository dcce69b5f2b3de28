/** A flow: an orthogonal line with an arrowhead; its label sits above the steps so it stays readable. */
import { BaseEdge, getSmoothStepPath, useInternalNode, useStore, type Edge, type EdgeProps, type InternalNode } from '@xyflow/react';
import { memo } from 'react';
import { midpoint, roundedPath } from '../../shared/model/routePath';
import type { Point } from '../../shared/model/types';
import { FlowCommentBadge } from '../review/StepMarks';
import { useOnCriticalPath } from '../analysis/analysisUi';
import { EdgeLabel } from './EdgeLabel';
import { useDropTarget } from '../editor/insert';
import './flowEdge.css';
import { MessageMarkers, messageMarkerId } from './kinds/KindMarks';

/** `route` is already in screen coordinates; `down`: flows leave at the bottom and enter at the top. */
/** `message`: a message between parties (drawn dashed, with an open circle and an open arrowhead). */
export type FlowEdgeType = Edge<{ route?: Point[]; down: boolean; message?: boolean }, 'flow'>;

function fromRoute(route: Point[]): [string, number, number] {
  const mid = midpoint(route);
  return [roundedPath(route), mid.x, mid.y];
}

/** The invisible line around a flow that takes its clicks: 12 px either side on screen, whatever the zoom (in steps of 8 map pixels, up to 160). */
const INTERACTION_WIDTH = 24;
const interactionWidth = (s: { transform: [number, number, number] }) =>
  Math.min(160, Math.max(INTERACTION_WIDTH, Math.ceil(INTERACTION_WIDTH / s.transform[2] / 8) * 8));

/** How far a stored route's ends may be from the steps' handles and still be drawn. */
const ROUTE_TOLERANCE = 2;

/** Where a flow leaves a step (right-middle) or enters it (left-middle), from the step as drawn. */
function side(node: InternalNode | undefined, which: 'out' | 'in', down: boolean): Point | null {
  // a step off screen is not drawn, so not measured: its size is the one the canvas gave it
  const w = node?.measured.width ?? node?.width;
  const h = node?.measured.height ?? node?.height;
  if (!node || w === undefined || h === undefined) return null;
  const { x, y } = node.internals.positionAbsolute;
  if (down) return { x: x + w / 2, y: which === 'out' ? y + h : y };
  return { x: which === 'out' ? x + w : x, y: y + h / 2 };
}

const near = (a: Point | null, b: Point) => a !== null && Math.abs(a.x - b.x) <= ROUTE_TOLERANCE && Math.abs(a.y - b.y) <= ROUTE_TOLERANCE;

function FlowEdgeView(p: EdgeProps<FlowEdgeType>) {
  const route = p.data?.route;
  // a selected flow is drawn above the labels: its wide hit area would cover its own comment badge and label
  const hitWidth = useStore(interactionWidth);
  const from = useInternalNode(p.source);
  const to = useInternalNode(p.target);
  const down = p.data?.down ?? false;
  const fits = route !== undefined && route.length >= 2 && near(side(from, 'out', down), route[0]!) && near(side(to, 'in', down), route[route.length - 1]!);
  // a route from the last tidy-up, while both ends still meet their steps; otherwise our own
  const [path, labelX, labelY] = fits
    ? fromRoute(route)
    : getSmoothStepPath({
        sourceX: p.sourceX,
        sourceY: p.sourceY,
        sourcePosition: p.sourcePosition,
        targetX: p.targetX,
        targetY: p.targetY,
        targetPosition: p.targetPosition,
        borderRadius: 8,
        offset: 24,
      });
  const message = p.data?.message === true;
  const routed =
    (fits ? ' is-routed' : '') +
    (message ? ' is-message' : '') +
    (useOnCriticalPath('flow', p.id) ? ' on-critical-path' : '') +
    (useDropTarget((s) => s.flowId === p.id) ? ' is-drop-target' : '');
  const label = typeof p.label === 'string' ? p.label : '';
  // a selected flow's arrowhead in the accent colour, its size kept on screen (not scaled by the thicker line)
  const arrow = `flow-arrow-selected-${p.id.replace(/[^\w-]/g, '_')}`;
  return (
    <>
      {p.selected && (
        <defs>
          <marker
            id={arrow}
            className="flow-arrow-selected"
            markerWidth={20}
            markerHeight={20}
            viewBox="-10 -10 20 20"
            markerUnits="userSpaceOnUse"
            orient="auto-start-reverse"
            refX={0}
            refY={0}
          >
            <polyline points="-5,-4 0,0 -5,4 -5,-4" strokeLinecap="round" strokeLinejoin="round" />
          </marker>
        </defs>
      )}
      {message && <MessageMarkers flowId={p.id} />}
      <BaseEdge
        id={p.id}
        path={path}
        markerStart={message ? `url(#${messageMarkerId(p.id, 'start')})` : undefined}
        markerEnd={message ? `url(#${messageMarkerId(p.id, 'end')})` : p.selected ? `url(#${arrow})` : p.markerEnd}
        interactionWidth={p.selected ? Math.min(hitWidth, 12) : hitWidth}
        className={routed}
      />
      {label && (
        <EdgeLabel>
          <div
            className={`flow-label${p.selected ? ' is-selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-flow-id={p.id}
            translate="no"
            dir="auto"
          >
            {label}
          </div>
        </EdgeLabel>
      )}
      <FlowCommentBadge flowId={p.id} x={labelX} y={label ? labelY - 8 : labelY} />
    </>
  );
}

export const FlowEdge = memo(FlowEdgeView);
