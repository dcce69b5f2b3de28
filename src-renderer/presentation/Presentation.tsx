/**
 * Presentation mode: the open map on a calm full-window view, walked step by step with the
 * keyboard. It is an ordinary React view over the editor (so a shared window or a second screen
 * shows it), drawing its own read-only React Flow from the same node and edge builders as the
 * editor: nothing can be dragged, connected, selected or deleted here.
 */
import { geometryOf, isDown } from '../canvas/frame';
import { ReactFlow, ReactFlowProvider, useReactFlow, type Node } from '@xyflow/react';
import { X } from 'lucide-react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { orderedPhases } from '../../shared/model/geometry';
import { FlowEdge, type FlowEdgeType } from '../canvas/FlowEdge';
import { LaneNode } from '../canvas/LaneNode';
import { createCanvasBuilder, type CanvasNode } from '../canvas/nodes';
import { PhaseNode } from '../canvas/PhaseNode';
import { StepNode } from '../canvas/StepNode';
import { KpiMarksReadOnly } from '../optimise/kpi/KpiBadges';
import { useLanguage, useT } from '../i18n';
import { CommentComposer } from '../review/CommentComposer';
import { LaneHeaders } from '../canvas/LaneHeaders';
import { useEditor } from '../store/context';
import type { Selection } from '../store/editorStore';
import { fitInto, freeArea, mapRect, mirrored, phaseRect, planStep, type Area, type CardPlace, type CardSide, type Stage } from './framing';
import { MIN_ZOOM } from '../canvas/viewport';
import { BIG_MAP_STEPS } from '../canvas/overview';
import { watchFullscreenExit } from './fullscreen';
import { BranchMarks } from './BranchMarks';
import { KeyHints } from './KeyHints';
import { PresentationCard } from './PresentationCard';
import { presentationEdges, presentationNodes, type RestyleCache } from './stableNodes';
import { usePresentation } from './presentationState';
import { usePresentationKeys } from './usePresentationKeys';
import { usePresenter } from './usePresenter';
import { SwotPage } from '../views/swot/SwotPage';
import './presentation.css';

const nodeTypes = { step: StepNode, lane: LaneNode, phase: PhaseNode };
const edgeTypes = { flow: FlowEdge };
const NO_SELECTION: Selection = { steps: [], flows: [] };
/** How long the camera glides from one step to the next. */
const GLIDE_MS = 450;
/** An overview is not magnified past this (a phase with one step would fill the screen). */
const OVERVIEW_MAX_ZOOM = 1.6;

/** Rendered at the end of <body>, above the editor, with a React Flow store of its own. */
export function Presentation() {
  return createPortal(
    <ReactFlowProvider>
      {/* the KPI marks are shown, not edited, here */}
      <KpiMarksReadOnly.Provider value>
        <PresentationView />
      </KpiMarksReadOnly.Provider>
    </ReactFlowProvider>,
    document.body,
  );
}

/** A box of the window in the pane's own px. */
function inPane(r: DOMRect, pane: DOMRect): Area {
  return { x: r.left - pane.left, y: r.top - pane.top, width: r.width, height: r.height };
}

/**
 * The frozen lane names' screen width (their height on a top-to-bottom map) at a zoom, read
 * from the DOM: a name column that zooms with the map grows with it, one of constant size does
 * not. At zoom 1 the two cannot be told apart: the larger is assumed until the next look.
 */
function laneBandOf(stage: HTMLElement, down: boolean, zoomNow: number): (zoom: number) => number {
  const header = stage.querySelector<HTMLElement>('.lane-headers .lane-header');
  if (!header) return () => 0;
  const r = header.getBoundingClientRect();
  const shown = down ? r.height : r.width;
  const laid = down ? header.offsetHeight : header.offsetWidth;
  if (!laid || !shown) return () => 0;
  if (Math.abs(zoomNow - 1) < 0.02) return (zoom) => Math.max(shown, laid * zoom);
  if (Math.abs(shown / laid - zoomNow) < 0.02) return (zoom) => laid * zoom;
  return () => shown;
}

function PresentationView() {
  const t = useT();
  const language = useLanguage();
  const doc = useEditor((s) => s.doc)!;
  const startAt = usePresentation((s) => s.startAt);
  const leave = usePresentation((s) => s.close);
  const p = usePresenter(doc, startAt);
  const flow = useReactFlow();
  const rootRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const cardRef = useRef<HTMLDivElement>(null);
  const topRef = useRef<HTMLElement>(null);
  const [composing, setComposing] = useState(false);
  const [hintSeq, setHintSeq] = useState(0);
  const [swot, setSwot] = useState(false);
  const toggleSwot = useCallback(() => setSwot((v) => !v), []);
  const [size, setSize] = useState({ width: 0, height: 0 });

  const current = p.walk.current;
  const mode = p.mode;
  const group = mode.kind === 'overview' && mode.page > 0 ? p.map.phases[mode.page - 1] : undefined;

  // --- the map: the editor's nodes, read-only, the current step lit and the rest dimmed
  const geometry = useMemo(() => geometryOf(doc), [doc]);
  const [builder] = useState(createCanvasBuilder);
  const baseNodes = useMemo(() => builder.nodes(doc, geometry, NO_SELECTION, language), [builder, doc, geometry, language]);
  const baseEdges = useMemo(() => builder.edges(doc, NO_SELECTION, language), [builder, doc, language]);
  const lit = useMemo<Set<string> | null>(() => {
    if (mode.kind === 'walk') return current ? new Set([current]) : null;
    return group ? new Set(group.steps) : null;
  }, [mode.kind, current, group]);
  const nextUp = useMemo(() => new Set(mode.kind === 'walk' && current ? (p.map.out.get(current) ?? []).map((b) => b.to) : []), [mode.kind, current, p.map]);
  // unchanged nodes keep their objects from step to step (see stableNodes.ts)
  const nodeCache = useRef<RestyleCache<CanvasNode>>(new WeakMap());
  const edgeCache = useRef<RestyleCache<FlowEdgeType>>(new WeakMap());
  const nodes = useMemo<CanvasNode[]>(
    () =>
      presentationNodes(
        baseNodes,
        (id) => `pres-node${id === current ? ' is-current' : lit && !lit.has(id) ? (nextUp.has(id) ? ' is-next' : ' is-dimmed') : ''}`,
        nodeCache.current,
      ),
    [baseNodes, current, lit, nextUp],
  );
  const edges = useMemo(
    () =>
      presentationEdges(
        baseEdges,
        (e) => (!lit || (mode.kind === 'walk' ? e.source === current : lit.has(e.source) && lit.has(e.target)) ? 'pres-edge' : 'pres-edge is-dimmed'),
        edgeCache.current,
      ),
    [baseEdges, lit, mode.kind, current],
  );

  // --- the camera: the step centred in the space the lane names and the card leave, or a phase / the map fitted into it
  const target = mode.kind === 'walk' ? `step:${current ?? ''}` : `page:${mode.page}`;
  const lastTarget = useRef<string | null>(null);
  // the card's side is read by the camera (a ref: moving the card must not re-frame) and drawn (state)
  const [cardSide, setCardSide] = useState<CardSide>('right');
  const sideRef = useRef<CardSide>('right');
  const nextIds = useMemo(() => (current ? (p.map.out.get(current) ?? []).map((b) => b.to) : []), [current, p.map]);
  const frame = useCallback(
    (settle = false) => {
      const stageEl = stageRef.current;
      if (!stageEl) return;
      const pane = stageEl.getBoundingClientRect();
      if (pane.width === 0 || pane.height === 0) return;
      const now = flow.getViewport();
      const down = isDown(doc);
      const topBar = topRef.current?.getBoundingClientRect();
      const stage: Stage = {
        width: pane.width,
        height: pane.height,
        top: topBar ? Math.max(0, topBar.bottom - pane.top) : 0,
        down,
        laneBand: laneBandOf(stageEl, down, now.zoom),
      };
      const column = cardRef.current ? inPane(cardRef.current.getBoundingClientRect(), pane) : null;
      const shown = cardRef.current?.querySelector('.pres-card')?.getBoundingClientRect();
      const cover = shown ? inPane(shown, pane) : undefined;
      const sides: CardPlace[] = [];
      if (column && column.width > pane.width * 0.65) sides.push({ side: 'bottom', box: column, cover });
      else if (column) {
        // the card as it stands, and the same card on the other side
        const other: CardSide = sideRef.current === 'left' ? 'right' : 'left';
        sides.push({ side: sideRef.current, box: column, cover }, { side: other, box: mirrored(column, pane.width), cover: cover && mirrored(cover, pane.width) });
      }
      let viewport;
      if (mode.kind === 'walk' && current) {
        const plan = planStep(doc, geometry, current, nextIds, stage, sides);
        if (!plan) return;
        viewport = plan.viewport;
        if (plan.side !== 'bottom' && plan.side !== sideRef.current) {
          sideRef.current = plan.side;
          setCardSide(plan.side);
        }
      } else {
        // an overview shows the lane names where they are, beside their lanes
        const phaseBox = group ? phaseRect(doc, geometry, group.phaseId) : null;
        const free = freeArea({ ...stage, laneBand: () => 0 }, sides[0] ?? null, now.zoom);
        viewport = fitInto(phaseBox ?? mapRect(doc, geometry), free, OVERVIEW_MAX_ZOOM);
      }
      // measured again once there (the lane names may not zoom with the map): only a real change moves it
      if (settle && Math.abs(viewport.zoom - now.zoom) < 0.01 && Math.abs(viewport.x - now.x) < 2 && Math.abs(viewport.y - now.y) < 2) return;
      // a new target glides there; a resized window re-centres at once
      const glide = !settle && lastTarget.current !== null && lastTarget.current !== target && !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      lastTarget.current = target;
      const moved = flow.setViewport(viewport, glide ? { duration: GLIDE_MS } : undefined);
      if (!settle) {
        const at = target;
        void Promise.resolve(moved).then(() =>
          requestAnimationFrame(() => requestAnimationFrame(() => lastTarget.current === at && frameRef.current(true))),
        );
      }
    },
    [doc, geometry, mode.kind, current, group, target, flow, nextIds],
  );
  const frameRef = useRef(frame);
  frameRef.current = frame;
  useEffect(() => frame(), [frame, size]);

  useLayoutEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const observer = new ResizeObserver(() => setSize({ width: root.clientWidth, height: root.clientHeight }));
    observer.observe(root);
    return () => observer.disconnect();
  }, []);

  // --- leaving: Escape, the close button, or full screen left by the browser's own means
  useEffect(() => watchFullscreenExit(leave), [leave]);
  useEffect(() => {
    rootRef.current?.focus();
  }, []);

  const closeComposer = useCallback(() => {
    setComposing(false);
    rootRef.current?.focus();
  }, []);
  const viewing = useEditor((s) => s.viewing);
  const comment = useCallback(() => {
    // a saved version is shown as it was: remarks go on the current map
    if (viewing) p.say(t('presentation.comment.onVersion'));
    else if (mode.kind === 'walk' && current) setComposing(true);
  }, [mode.kind, current, viewing, p, t]);
  // the box is about the step on screen; a click on another step closes it
  useEffect(() => setComposing(false), [current, mode.kind]);

  usePresentationKeys({ presenter: p, leave, comment, composing, closeComposer, toggleHints: () => setHintSeq((n) => n + 1), swot, toggleSwot });

  // --- progress: "Step 5 of 23 · Phase 2 of 7 “Lead generation”" and a bar of steps shown
  const total = p.map.order.length;
  const shown = p.walk.visited.size;
  const step = current ? doc.steps[current] : undefined;
  const phases = useMemo(() => orderedPhases(doc), [doc]);
  const progress: string[] = [];
  if (current) progress.push(t('presentation.progress.step', { n: p.map.number.get(current) ?? 0, total }));
  if (step && phases.length) {
    const at = phases.findIndex((ph) => ph.id === step.phaseId);
    progress.push(at >= 0 ? t('presentation.progress.phase', { n: at + 1, total: phases.length, name: phases[at]!.name }) : t('common.noPhase'));
  }
  const stepTitle = step ? step.title.trim() || t('common.untitledStep') : '';

  return (
    <div className={`presentation${cardSide === 'left' ? ' is-card-left' : ''}`} role="dialog" aria-modal="true" aria-label={t('presentation.label', { title: doc.title })} tabIndex={-1} ref={rootRef}>
      <div className="pres-stage" ref={stageRef}>
        <ReactFlow<CanvasNode>
          className="pres-flow"
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onInit={() => frame()}
          onlyRenderVisibleElements={Object.keys(doc.steps).length >= BIG_MAP_STEPS}
          onNodeClick={(_e, n: Node) => n.type === 'step' && p.jump(n.id)}
          nodesDraggable={false}
          nodesConnectable={false}
          nodesFocusable={false}
          edgesFocusable={false}
          elementsSelectable={false}
          deleteKeyCode={null}
          selectionKeyCode={null}
          multiSelectionKeyCode={null}
          panActivationKeyCode={null}
          zoomActivationKeyCode={null}
          disableKeyboardA11y
          zoomOnDoubleClick={false}
          minZoom={MIN_ZOOM}
          maxZoom={3}
          proOptions={{ hideAttribution: true }}
          ariaLabelConfig={{
            'node.a11yDescription.default': t('presentation.a11y.map'),
            'node.a11yDescription.keyboardDisabled': t('presentation.a11y.map'),
            'node.a11yDescription.ariaLiveMessage': () => '',
            'edge.a11yDescription.default': t('presentation.a11y.map'),
          }}
        >
          <LaneHeaders doc={doc} geometry={geometry} />
          {mode.kind === 'walk' && current && <BranchMarks doc={doc} geometry={geometry} branches={p.map.out.get(current) ?? []} highlight={p.highlight} />}
        </ReactFlow>
      </div>
      <header className="pres-top" ref={topRef}>
        <div
          className="pres-bar"
          role="progressbar"
          aria-label={t('presentation.progress.barLabel')}
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={shown}
          aria-valuetext={t('presentation.progress.shown', { shown, total })}
        >
          <span style={{ width: total ? `${(100 * shown) / total}%` : 0 }} />
        </div>
        <div className="pres-top-row">
          <span className="pres-map-title" translate="no">
            {doc.title}
          </span>
          {viewing && <span className="pres-version">{t('presentation.version', { name: viewing.name })}</span>}
          <span className="pres-progress">{progress.join(' · ')}</span>
          <span className="pres-shown-count">{t('presentation.progress.shown', { shown, total })}</span>
          <button
            type="button"
            className="pres-swot-toggle"
            aria-pressed={swot}
            title={swot ? t('swotView.present.close') : t('swotView.present.open')}
            onClick={() => {
              toggleSwot();
              rootRef.current?.focus();
            }}
          >
            {t('swotView.present.hint')}
          </button>
          <button type="button" className="pres-leave" aria-label={t('presentation.leave')} title={t('presentation.leave')} onClick={leave}>
            <X size={22} aria-hidden />
          </button>
        </div>
      </header>
      <div className="pres-card-frame" ref={cardRef}>
        <PresentationCard
          doc={doc}
          presenter={p}
          onComment={comment}
          overlay={
            composing && current ? (
              <div className="pres-composer" role="group" aria-label={t('presentation.comment.title', { title: stepTitle })}>
                <p className="pres-composer-title">{t('presentation.comment.title', { title: stepTitle })}</p>
                <CommentComposer
                  target={{ kind: 'step', id: current }}
                  autoFocus
                  onCancel={closeComposer}
                  onDone={() => {
                    closeComposer();
                    p.say(t('presentation.comment.posted'));
                  }}
                />
              </div>
            ) : undefined
          }
        />
      </div>
      {swot && <SwotPage doc={doc} />}
      <KeyHints showSeq={hintSeq} />
      <p className="visually-hidden" aria-live="polite">
        {mode.kind === 'walk' && current ? `${progress[0] ?? ''}: ${stepTitle}` : ''}
      </p>
    </div>
  );
}
