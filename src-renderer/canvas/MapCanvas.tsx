/**
 * The React Flow canvas. Nodes and edges are derived from the document; a drag moves nodes
 * locally and becomes one `moveSteps` command when it ends (changing the role when a step
 * is dropped in another lane). Connecting two steps is one `connect` command.
 */
import {
  Background,
  BackgroundVariant,
  MiniMap,
  ReactFlow,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type Edge,
  type Node,
  type NodeChange,
  type EdgeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { cmd } from '../../shared/model/commands';
import { columnAt, frameSize, LANE_LEFT, laneAt, mapGeometry } from '../../shared/model/geometry';
import { newId } from '../../shared/model/ids';
import { useZoomShortcuts } from '../editor/useEditorShortcuts';
import { useEditor, useEditorStore } from '../store/context';
import { LaneNode } from './LaneNode';
import { LaneHeaders } from './LaneHeaders';
import { keepUnchanged } from './stable';
import { buildEdges, buildNodes, isBackdrop, type CanvasNode, type StepNodeType } from './nodes';
import { StepNode } from './StepNode';
import { PhaseNode } from './PhaseNode';
import { FlowEdge } from './FlowEdge';
import { openingViewport } from './viewport';
import { useNavigation } from '../hierarchy/navigation';
import { t as translate } from '../i18n';
import { notify } from '../store/notices';
import { isDown, toFrame } from './frame';
import { useTidyState } from '../layout/tidyUp';
import { PainOverlayLegend } from '../review/PainPointsPanel';
import { useCompareEdges, useCompareNodes } from '../review/compareOverlay';
import { VersionBanner } from '../review/VersionBanner';
import { useLanguage, useT } from '../i18n';

const nodeTypes = { step: StepNode, lane: LaneNode, phase: PhaseNode };
const edgeTypes = { flow: FlowEdge };
const MULTI_KEYS = ['Shift', 'Meta', 'Control'];

/** Applies React Flow's select / deselect changes to a list of selected ids, keeping its order. */
function applyPicks(ids: string[], picks: { id: string; selected: boolean }[]): string[] {
  const out = new Set(ids);
  for (const p of picks) {
    if (isBackdrop(p.id)) continue;
    if (p.selected) out.add(p.id);
    else out.delete(p.id);
  }
  return [...out];
}

export function MapCanvas() {
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc)!;
  const selection = useEditor((s) => s.selection);
  const tidyVisible = useTidyState((s) => s.visible);
  const t = useT();
  // the steps' and flows' accessible names are in the interface's language
  const language = useLanguage();
  const geometry = useMemo(() => mapGeometry(doc), [doc]);
  // a comparison of versions colours the steps and draws removed ones (review/compareOverlay.ts)
  const built = useMemo(() => buildNodes(doc, geometry, selection), [doc, geometry, selection, language]); // eslint-disable-line react-hooks/exhaustive-deps
  const builtEdges = useMemo(() => buildEdges(doc, selection), [doc, selection, language]); // eslint-disable-line react-hooks/exhaustive-deps
  const derived = useCompareNodes(doc, built);
  const comparedEdges = useCompareEdges(doc, builtEdges);
  const lastEdges = useRef(comparedEdges);
  const edges = useMemo(() => (lastEdges.current = keepUnchanged(lastEdges.current, comparedEdges)), [comparedEdges]);
  // a saved version on screen: nothing to drag or connect (the store refuses edits too)
  const readOnly = useEditor((s) => s.viewing !== null);
  const ariaLabelConfig = useMemo(
    () => ({
      'node.a11yDescription.default': t('editor.a11y.nodeDefault'),
      'node.a11yDescription.keyboardDisabled': t('editor.a11y.nodeKeyboardDisabled'),
      'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }: { direction: string; x: number; y: number }) =>
        t('editor.a11y.nodeMoved', { direction: t(`editor.a11y.directions.${direction as 'up' | 'down' | 'left' | 'right'}`), x, y }),
      'edge.a11yDescription.default': t('editor.a11y.edgeDefault'),
      'minimap.ariaLabel': t('editor.miniMap'),
      'handle.ariaLabel': t('editor.a11y.handle'),
    }),
    [t],
  );
  const [nodes, setNodes] = useState<CanvasNode[]>(derived);
  useZoomShortcuts();

  // adopt the document's nodes, keeping React Flow's measurements so nothing flickers
  useEffect(() => {
    setNodes((prev) => {
      const measured = new Map(prev.map((n) => [n.id, n.measured]));
      const next = derived.map((n) => {
        const m = measured.get(n.id);
        return m ? { ...n, measured: m } : n;
      });
      // the nodes that did not change keep their objects, so React Flow redraws only the others
      return keepUnchanged(prev, next);
    });
  }, [derived]);

  const flow = useReactFlow();
  const paneRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    // only when the map opens; a pane not laid out yet (no size) is waited for
    const pane = paneRef.current;
    if (!pane) return;
    const open = () => {
      const rect = pane.getBoundingClientRect();
      if (rect.width <= 0 || rect.height <= 0) return false;
      void flow.setViewport(openingViewport(store.getState().doc!, rect));
      return true;
    };
    if (open()) return;
    const watch = new ResizeObserver(() => {
      if (open()) watch.disconnect();
    });
    watch.observe(pane);
    return () => watch.disconnect();
  }, [flow, store]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      // selection lives in the store; drag positions and sizes are local until the drag ends
      const picks = changes.filter((c) => c.type === 'select');
      if (picks.length) {
        const { selection } = store.getState();
        store.getState().select({ steps: applyPicks(selection.steps, picks), flows: selection.flows });
      }
      setNodes((ns) =>
        applyNodeChanges(
          changes.filter((c) => c.type !== 'select' && c.type !== 'remove'),
          ns,
        ),
      );
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const picks = changes.filter((c) => c.type === 'select');
      if (!picks.length) return;
      const { selection } = store.getState();
      store.getState().select({ steps: selection.steps, flows: applyPicks(selection.flows, picks) });
    },
    [store],
  );

  // a sub-process opens its map; one without a map yet is selected so the inspector offers to make one
  const { openMap } = useNavigation();
  const onNodeDoubleClick = useCallback(
    (_e: unknown, node: Node) => {
      const step = store.getState().doc?.steps[node.id];
      if (step?.kind !== 'subprocess') return;
      if (step.linkedMapId) openMap(step.linkedMapId, 'down');
      else {
        store.getState().select({ steps: [step.id], flows: [] });
        notify.info(translate('hierarchy.notLinkedNotice'));
      }
    },
    [store, openMap],
  );

  const onNodeDragStop = useCallback(
    (_e: unknown, _node: Node, dragged: Node[]) => {
      const current = store.getState().doc;
      if (!current) return;
      const g = mapGeometry(current);
      const moves = dragged
        .filter((n): n is StepNodeType => n.type === 'step' && !!current.steps[n.id])
        .map((n) => {
          // back into the map's frame: x along the flow, y across the lanes
          const at = toFrame(isDown(current), n.position);
          const size = frameSize(current.direction)(current.steps[n.id]!);
          const lane = laneAt(g.lanes, at.y + size.height / 2)!;
          const column = columnAt(g.columns, at.x + size.width / 2);
          const phase = column ? { phaseId: column.phase?.id ?? null, x: at.x - column.left } : { x: at.x };
          return { stepId: n.id, y: at.y - lane.top, roleId: lane.role.id, ...phase };
        });
      if (moves.length === 0) return;
      if (!store.getState().run(cmd('moveSteps', { moves }))) setNodes(buildNodes(current, g, store.getState().selection));
    },
    [store],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.source || !c.target || c.source === c.target) return;
      const id = newId();
      if (store.getState().run(cmd('connect', { id, fromStepId: c.source, toStepId: c.target }))) {
        store.getState().select({ steps: [], flows: [id] });
      }
    },
    [store],
  );

  const isValidConnection = useCallback((c: Connection | Edge) => c.source !== c.target && !isBackdrop(c.source) && !isBackdrop(c.target), []);

  return (
    <div className="canvas" role="region" aria-label={t('editor.canvasLabel')} ref={paneRef}>
      <ReactFlow<CanvasNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultViewport={{ x: -LANE_LEFT + 24, y: 24, zoom: 1 }}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onNodeDoubleClick={onNodeDoubleClick}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={null}
        multiSelectionKeyCode={MULTI_KEYS}
        selectionKeyCode="Shift"
        minZoom={0.05}
        maxZoom={2.5}
        snapToGrid
        snapGrid={[10, 10]}
        elevateEdgesOnSelect
        proOptions={{ hideAttribution: true }}
        ariaLabelConfig={ariaLabelConfig}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        <LaneHeaders />
        <PainOverlayLegend />
        <VersionBanner />
        {tidyVisible && (
          <div className="busy" role="status">
            <span className="spinner" aria-hidden /> {t('editor.tidying')}
          </div>
        )}
        <MiniMap
          pannable
          zoomable
          ariaLabel={t('editor.miniMap')}
          nodeColor={(n) => (n.type !== 'step' ? 'transparent' : ((n.data as { role?: { color: string } }).role?.color ?? '#999'))}
        />
      </ReactFlow>
    </div>
  );
}
