/**
 * The React Flow canvas. Nodes and edges are derived from the document; a drag moves nodes
 * locally and becomes one `moveSteps` command when it ends (changing the role when a step
 * is dropped in another lane). Connecting two steps is one `connect` command.
 */
import {
  Background,
  BackgroundVariant,
  ReactFlow,
  applyNodeChanges,
  useReactFlow,
  useStore,
  useStoreApi,
  type Connection,
  type Edge,
  type Node,
  type NodeChange,
  type EdgeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import { cmd } from '../../shared/model/commands';
import { columnAt, frameSize, LANE_LEFT, laneAt } from '../../shared/model/geometry';
import { newId } from '../../shared/model/ids';
import { useZoomShortcuts } from '../editor/useEditorShortcuts';
import { insertOnDrop, useDropOnFlow, useReconnect } from '../editor/insert';
import { useEditor, useEditorStore } from '../store/context';
import { LaneNode } from './LaneNode';
import { LaneHeaders } from './LaneHeaders';
import { adoptNodes, keepUnchanged } from './stable';
import { createCanvasBuilder, isBackdrop, type CanvasNode, type StepNodeType } from './nodes';
import { BIG_MAP_STEPS, buildScene, OVERVIEW_ZOOM, stepAt, stepsIn, type Marks } from './overview';
import { OverviewLayer } from './OverviewLayer';
import { membersIn, nextWindow, viewRect, windowed, type Rect } from './windowing';
import { MiniMapView } from './MiniMapView';
import { useAnalysisUi } from '../analysis/analysisUi';
import { useReviewUi } from '../review/reviewUi';
import { heatLevel, painByStep } from '../review/painPoints';
import type { FlowEdgeType } from './FlowEdge';
import { StepNode } from './StepNode';
import { PhaseNode } from './PhaseNode';
import { FlowEdge } from './FlowEdge';
import { MIN_ZOOM, openingViewport } from './viewport';
import { useNavigation } from '../hierarchy/navigation';
import { t as translate } from '../i18n';
import { notify } from '../store/notices';
import { isDown, toFrame, geometryOf } from './frame';
import { useTidyState } from '../layout/tidyUp';
import { PainOverlayLegend } from '../review/PainPointsPanel';
import { useCompareEdges, useCompareNodes } from '../review/compareOverlay';
import { VersionBanner } from '../review/VersionBanner';
import { useLanguage, useT } from '../i18n';
import { NoteNode } from '../notes/NoteNode';
import { isNoteNode, noteIdOf, noteMovesFromDrag } from '../notes/noteNodes';
import { useContextMenus } from '../editor/contextMenu/useContextMenus';

const nodeTypes = { step: StepNode, lane: LaneNode, phase: PhaseNode, note: NoteNode };
const edgeTypes = { flow: FlowEdge };
const MULTI_KEYS = ['Shift', 'Meta', 'Control'];
const NO_EDGES: FlowEdgeType[] = [];
const DOT_GAP = 20;
const NO_IDS: ReadonlySet<string> = new Set();
const NOWHERE: Rect = { x: -Infinity, y: -Infinity, width: 0, height: 0 };

/** Applies React Flow's select / deselect changes to a list of selected ids, keeping its order. */
function applyPicks(ids: string[], picks: { id: string; selected: boolean }[]): string[] {
  const out = new Set(ids);
  for (const p of picks) {
    if (isBackdrop(p.id) || isNoteNode(p.id)) continue;
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
  const geometry = useMemo(() => geometryOf(doc), [doc]);
  // a comparison of versions colours the steps and draws removed ones (review/compareOverlay.ts)
  // each step's and flow's node is remembered: a click or an edit rebuilds only what it changed
  const [builder] = useState(createCanvasBuilder);
  const built = useMemo(() => builder.nodes(doc, geometry, selection, language), [builder, doc, geometry, selection, language]);
  const builtEdges = useMemo(() => builder.edges(doc, selection, language), [builder, doc, selection, language]);
  const derived = useCompareNodes(doc, built);
  const comparedEdges = useCompareEdges(doc, builtEdges);
  const lastEdges = useRef(comparedEdges);
  const edges = useMemo(() => (lastEdges.current = keepUnchanged(lastEdges.current, comparedEdges)), [comparedEdges]);
  // a saved version on screen: nothing to drag or connect (the store refuses edits too)
  const readOnly = useEditor((s) => s.viewing !== null || s.readOnly !== null);
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
  // context menus on steps, flows, lanes, phases and the canvas (editor/contextMenu/)
  const menus = useContextMenus();

  // adopt the document's nodes, keeping React Flow's measurements so nothing flickers
  useEffect(() => {
    // the nodes that did not change keep their objects (and React Flow's measurements), so it redraws only the others
    setNodes((prev) => adoptNodes(prev, derived));
  }, [derived]);

  const flow = useReactFlow();
  const paneRef = useRef<HTMLDivElement>(null);

  // --- the overview: a big map zoomed out past reading is one picture (overview.ts), not thousands of cards
  const stepCount = useMemo(() => Object.keys(doc.steps).length, [doc]);
  const zoomedOut = useStore((s) => s.transform[2] < OVERVIEW_ZOOM);
  // the background's dots closer than a few pixels are a grey haze that costs every frame to paint
  const dotsVisible = useStore((s) => s.transform[2] * DOT_GAP >= 5);
  const big = stepCount >= BIG_MAP_STEPS;
  const overview = zoomedOut && big;
  // React Flow gets what is in and around the view (windowing.ts), updated when the view leaves that window
  const rf = useStoreApi();
  const [win, setWin] = useState<Rect | null>(null);
  useEffect(() => {
    let current: Rect | null = null;
    const follow = (s: { transform: [number, number, number]; width: number; height: number }) => {
      if (!s.width || !s.height) return;
      const next = nextWindow(current, viewRect(s.transform, s.width, s.height));
      if (next !== current) setWin((current = next));
    };
    follow(rf.getState());
    return rf.subscribe(follow);
  }, [rf]);
  const selectedSteps = useMemo(() => new Set(selection.steps), [selection.steps]);
  // until the pane has a size: no steps (the opening view is set right after)
  const members = useMemo(() => (big ? membersIn(doc, geometry, win ?? NOWHERE) : null), [big, doc, geometry, win]);
  const shown = useMemo(() => {
    // the selected steps stay cards on top of the overview picture: seen as on the canvas, and draggable
    if (overview) return { nodes: nodes.filter((n) => n.type === 'step' && n.selected && !isBackdrop(n.id)), edges: NO_EDGES };
    if (!members) return { nodes, edges };
    return windowed(nodes, edges, members, selectedSteps);
  }, [overview, members, nodes, edges, selectedSteps]);
  const shownNodes = shown.nodes;
  const shownEdges = shown.edges;
  // the whole map as one drawing: the overview's picture and the minimap's
  const scene = useMemo(
    () => (overview ? buildScene(doc, geometry, derived, comparedEdges, t('common.noPhase')) : null),
    [overview, doc, geometry, derived, comparedEdges, t],
  );
  const miniScene = useMemo(() => {
    const all = buildScene(doc, geometry, null, NO_EDGES, '');
    return { ...all, columns: all.columns.map((c) => ({ ...c, name: null })) };
  }, [doc, geometry]);
  const criticalPath = useAnalysisUi((s) => s.criticalPath);
  const pathSteps = useAnalysisUi((s) => s.pathSteps);
  const pathFlows = useAnalysisUi((s) => s.pathFlows);
  const heatOn = useReviewUi((s) => s.overlay);
  const marks = useMemo<Marks | null>(() => {
    if (!overview) return null;
    const heat = new Map<string, number>();
    if (heatOn) for (const [id, p] of painByStep(doc)) if (heatLevel(p.total)) heat.set(id, heatLevel(p.total));
    return {
      criticalSteps: criticalPath ? pathSteps : NO_IDS,
      criticalFlows: criticalPath ? pathFlows : NO_IDS,
      heat,
      selected: new Set(selection.steps),
    };
  }, [overview, doc, heatOn, criticalPath, pathSteps, pathFlows, selection]);
  const sceneRef = useRef(scene);
  sceneRef.current = scene;
  // a click on the picture picks the step under it (React Flow clears its own selection after this handler: ours follows it)
  const onPaneClick = useCallback(
    (e: ReactMouseEvent) => {
      const current = sceneRef.current;
      if (!current) return;
      const zoom = rf.getState().transform[2];
      const hit = stepAt(current, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }), 3 / zoom);
      if (!hit) return;
      const before = store.getState().selection;
      const multi = e.shiftKey || e.ctrlKey || e.metaKey;
      const steps = multi ? (before.steps.includes(hit.id) ? before.steps.filter((id) => id !== hit.id) : [...before.steps, hit.id]) : [hit.id];
      queueMicrotask(() => store.getState().select({ steps, flows: multi ? before.flows : [] }));
    },
    [rf, flow, store],
  );
  // a box drawn over the picture (Shift + drag) selects the steps it touches
  const lastBox = useRef<{ x: number; y: number; width: number; height: number } | null>(null);
  useEffect(
    () =>
      rf.subscribe((s) => {
        if (s.userSelectionRect) lastBox.current = s.userSelectionRect;
      }),
    [rf],
  );
  const onSelectionStart = useCallback(() => {
    lastBox.current = null;
  }, []);
  const onSelectionEnd = useCallback(() => {
    const current = sceneRef.current;
    const box = lastBox.current;
    if (!current || !box || box.width < 2 || box.height < 2) return;
    const [tx, ty, zoom] = rf.getState().transform;
    const ids = stepsIn(current, { x: (box.x - tx) / zoom, y: (box.y - ty) / zoom, width: box.width / zoom, height: box.height / zoom });
    queueMicrotask(() => store.getState().select({ steps: ids, flows: [] }));
  }, [rf, store]);
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
        const notes = applyPicks(selection.notes ?? [], picks.filter((p) => isNoteNode(p.id)).map((p) => ({ ...p, id: noteIdOf(p.id) })));
        store.getState().select({ steps: applyPicks(selection.steps, picks), flows: selection.flows, ...(notes.length ? { notes } : {}) });
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
      store.getState().select({ steps: selection.steps, flows: applyPicks(selection.flows, picks), ...(selection.notes ? { notes: selection.notes } : {}) });
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
      const g = geometryOf(current);
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
      const notes = noteMovesFromDrag(current, g, dragged);
      if (moves.length === 0 && notes.length === 0) return;
      if (moves.length === 1 && notes.length === 0 && insertOnDrop(store, moves[0]!)) return;
      if (!store.getState().run(cmd('moveSteps', { moves, ...(notes.length ? { notes } : {}) })))
        setNodes((prev) => adoptNodes(prev, builder.nodes(current, g, store.getState().selection, language)));
    },
    [store, builder, language],
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

  const { onNodeDrag } = useDropOnFlow(store, flow);
  const onReconnect = useReconnect(store);

  const isValidConnection = useCallback((c: Connection | Edge) => c.source !== c.target && !isBackdrop(c.source) && !isBackdrop(c.target), []);

  return (
    <div className="canvas" role="region" aria-label={t('editor.canvasLabel')} ref={paneRef}>
      <ReactFlow<CanvasNode>
        nodes={shownNodes}
        edges={shownEdges}
        onlyRenderVisibleElements={big}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultViewport={{ x: -LANE_LEFT + 24, y: 24, zoom: 1 }}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onNodeDrag={onNodeDrag}
        edgesReconnectable={!readOnly}
        onReconnect={onReconnect}
        reconnectRadius={14}
        onNodeDoubleClick={onNodeDoubleClick}
        onConnect={onConnect}
        onPaneClick={onPaneClick}
        onSelectionStart={onSelectionStart}
        onSelectionEnd={onSelectionEnd}
        isValidConnection={isValidConnection}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={null}
        multiSelectionKeyCode={MULTI_KEYS}
        selectionKeyCode="Shift"
        minZoom={MIN_ZOOM}
        maxZoom={2.5}
        snapToGrid
        snapGrid={[10, 10]}
        elevateEdgesOnSelect
        proOptions={{ hideAttribution: true }}
        ariaLabelConfig={ariaLabelConfig}
        {...menus.handlers}
      >
        {dotsVisible && <Background variant={BackgroundVariant.Dots} gap={DOT_GAP} size={1} />}
        {scene && marks && <OverviewLayer scene={scene} marks={marks} />}
        <LaneHeaders doc={doc} geometry={geometry} />
        <PainOverlayLegend />
        <VersionBanner />
        {tidyVisible && (
          <div className="busy" role="status">
            <span className="spinner" aria-hidden /> {t('editor.tidying')}
          </div>
        )}
        <MiniMapView scene={miniScene} label={t('editor.miniMap')} />
        {menus.element}
      </ReactFlow>
    </div>
  );
}
