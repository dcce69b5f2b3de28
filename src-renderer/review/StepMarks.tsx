/**
 * Review marks on the canvas, drawn outside the step boxes so their size (shared with layout
 * and export) never changes: a speech bubble with the number of open comments at a step's
 * top-right corner (and at a flow's label), and, while the pain point overlay is on, the kind
 * icons with their votes at the top-left and a heat colour (a class on the step).
 */
import { EdgeLabel } from '../canvas/EdgeLabel';
import { ArrowLeftRight, Boxes, Clock, CopyPlus, Hourglass, Layers, Lightbulb, MessageCircle, RotateCcw, Scissors, Truck, UserX, type LucideIcon } from 'lucide-react';
import { useStore } from 'zustand';
import type { MapDoc, PainKind } from '../../shared/model/types';
import { PAIN_KINDS } from '../../shared/model/types';
import { formatNumber, useT } from '../i18n';
import { useEditorStore } from '../store/context';
import type { EditorStore } from '../store/editorStore';
import { openCommentCounts, threadsOf } from './comments';
import { heatLevel, painByStep } from './painPoints';
import { useReviewUi } from './reviewUi';

export const PAIN_ICONS: Record<PainKind, LucideIcon> = {
  bottleneck: Hourglass,
  redundant: Scissors,
  idea: Lightbulb,
  waiting: Clock,
  defects: RotateCcw,
  overprocessing: Layers,
  motion: ArrowLeftRight,
  inventory: Boxes,
  overproduction: CopyPlus,
  transport: Truck,
  talent: UserX,
};

const countCache = new WeakMap<MapDoc, ReturnType<typeof openCommentCounts>>();
function countsOf(doc: MapDoc) {
  let c = countCache.get(doc);
  if (!c) countCache.set(doc, (c = openCommentCounts(doc)));
  return c;
}

/** Shows the Comments tab on the newest open thread about a step or flow, and selects it. */
export function openThreadsOf(store: EditorStore, kind: 'step' | 'flow', id: string) {
  const doc = store.getState().doc;
  if (!doc) return;
  const thread = threadsOf(doc).find((th) => th.open && th.root.targetKind === kind && th.root.targetId === id);
  store.getState().select(kind === 'step' ? { steps: [id], flows: [] } : { steps: [], flows: [id] });
  const ui = useReviewUi.getState();
  if (ui.filter === 'resolved') ui.setFilter('open');
  ui.setActiveThread(thread?.root.id ?? null);
  ui.showTab('comments');
}

/** ` heat-N` for a step while the overlay is on and it has votes, else ''. */
export function useStepHeat(stepId: string): string {
  const store = useEditorStore();
  const overlay = useReviewUi((s) => s.overlay);
  const votes = useStore(store, (s) => (s.doc ? (painByStep(s.doc).get(stepId)?.total ?? 0) : 0));
  const level = overlay ? heatLevel(votes) : 0;
  return level ? ` heat heat-${level}` : '';
}

export function StepReviewMarks({ stepId, pinned }: { stepId: string; pinned?: boolean }) {
  const t = useT();
  const store = useEditorStore();
  const overlay = useReviewUi((s) => s.overlay);
  const comments = useStore(store, (s) => (s.doc ? (countsOf(s.doc).steps.get(stepId) ?? 0) : 0));
  const pain = useStore(store, (s) => (s.doc && overlay ? painByStep(s.doc).get(stepId) : undefined));
  return (
    <>
      {comments > 0 && (
        <button
          type="button"
          className={`comment-marker nodrag nopan${pinned ? ' beside-pin' : ''}`}
          aria-label={t('comments.marker', { count: comments })}
          title={t('comments.marker', { count: comments })}
          data-count={comments}
          onClick={(e) => {
            e.stopPropagation();
            // the keyboard goes back to the editor (React Flow would read Escape on a focused node as "select it")
            e.currentTarget.blur();
            openThreadsOf(store, 'step', stepId);
          }}
        >
          <MessageCircle size={12} aria-hidden />
          <span>{formatNumber(comments)}</span>
        </button>
      )}
      {pain && (
        <span className="pain-marks">
          {PAIN_KINDS.map((kind) => {
            const p = pain.byKind[kind];
            if (!p) return null;
            const Icon = PAIN_ICONS[kind];
            const label = `${t(`painPoints.kinds.${kind}`)}: ${t('painPoints.votes', { count: p.votes })}`;
            return (
              <span key={kind} className={`pain-mark pain-${kind}`} title={label} aria-label={label} role="img">
                <Icon size={11} aria-hidden />
                {formatNumber(p.votes)}
              </span>
            );
          })}
        </span>
      )}
    </>
  );
}

/** The open comments on a flow, next to where its label is (or would be). */
export function FlowCommentBadge({ flowId, x, y }: { flowId: string; x: number; y: number }) {
  const t = useT();
  const store = useEditorStore();
  const comments = useStore(store, (s) => (s.doc ? (countsOf(s.doc).flows.get(flowId) ?? 0) : 0));
  if (!comments) return null;
  return (
    <EdgeLabel>
      <button
        type="button"
        className="comment-marker on-flow nodrag nopan"
        style={{ transform: `translate(-50%, -100%) translate(${x}px, ${y - 12}px)` }}
        aria-label={t('comments.marker', { count: comments })}
        title={t('comments.marker', { count: comments })}
        data-flow-id={flowId}
        data-count={comments}
        onClick={(e) => {
          e.stopPropagation();
          openThreadsOf(store, 'flow', flowId);
        }}
      >
        <MessageCircle size={12} aria-hidden />
        <span>{formatNumber(comments)}</span>
      </button>
    </EdgeLabel>
  );
}
