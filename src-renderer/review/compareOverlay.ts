/**
 * A comparison drawn on the canvas: steps added since the older version are green, changed
 * ones amber, steps that only moved get a faint outline, and removed steps are drawn at their
 * old place, dashed and faded, from the older version. Flows added or changed are coloured the
 * same way. Nothing here edits the map: removed steps are inert drawings (not selectable,
 * draggable or connectable).
 */
import type { CSSProperties } from 'react';
import { useMemo } from 'react';
import { compareMaps, type MapComparison } from '../../shared/model/compare';

import type { MapDoc } from '../../shared/model/types';
import { isDown, toScreen, geometryOf } from '../canvas/frame';
import { REMOVED_NODE_PREFIX, type CanvasNode, type StepNodeType } from '../canvas/nodes';
import type { FlowEdgeType } from '../canvas/FlowEdge';
import { t, useLanguage } from '../i18n';
import { useVersions } from './versionState';

export type DiffKind = 'added' | 'removed' | 'changed' | 'moved';

/** The comparison of the older version with what is on screen, or null when nothing is compared. */
export function useComparison(doc: MapDoc): { comparison: MapComparison; older: MapDoc } | null {
  const compared = useVersions((s) => s.comparison);
  return useMemo(() => {
    // a comparison belongs to one map; another map on screen is not compared with it
    if (!compared || compared.older.id !== doc.id) return null;
    return { comparison: compareMaps(compared.older, doc), older: compared.older };
  }, [compared, doc]);
}

const TAGGED: Partial<Record<DiffKind, 'added' | 'removed' | 'changed'>> = { added: 'added', removed: 'removed', changed: 'changed' };

/** The wrapper's class (styles.css colours the card inside) and the short tag drawn on the card. */
function marked<N extends CanvasNode>(node: N, kind: DiffKind): N {
  const tag = TAGGED[kind];
  const style = { ...node.style, ...(tag ? { '--diff-tag': JSON.stringify(t(`versions.tag.${tag}`)) } : {}) } as CSSProperties;
  const className = [node.className, `diff-${kind}`].filter(Boolean).join(' ');
  const ariaLabel = node.ariaLabel ? `${node.ariaLabel} (${t(`versions.legend.${kind}`)})` : node.ariaLabel;
  return { ...node, className, style, ariaLabel, domAttributes: { ...node.domAttributes, 'data-diff': kind } as N['domAttributes'] };
}

/** The canvas nodes with the comparison drawn on them (the same array when nothing is compared). */
export function useCompareNodes(doc: MapDoc, nodes: CanvasNode[]): CanvasNode[] {
  const compared = useComparison(doc);
  const language = useLanguage();
  return useMemo(() => {
    if (!compared) return nodes;
    const { comparison, older } = compared;
    const kinds = new Map<string, DiffKind>();
    for (const id of comparison.steps.added) kinds.set(id, 'added');
    for (const c of comparison.steps.changed) kinds.set(c.id, 'changed');
    for (const id of comparison.steps.moved) kinds.set(id, 'moved');
    const marks = nodes.map((n) => {
      const kind = n.type === 'step' ? kinds.get(n.id) : undefined;
      return kind ? marked(n, kind) : n;
    });
    const positions = geometryOf(older).positions;
    const down = isDown(older);
    const ghosts: StepNodeType[] = comparison.steps.removed.flatMap((id) => {
      const step = older.steps[id];
      const at = positions.get(id);
      if (!step || !at) return [];
      const ghost: StepNodeType = {
        id: REMOVED_NODE_PREFIX + id,
        type: 'step',
        position: toScreen(down, at),
        data: { step, role: older.roles[step.roleId], down },
        selectable: false,
        draggable: false,
        connectable: false,
        focusable: false,
        deletable: false,
        ariaLabel: t('editor.stepLabel', { kind: t(`common.kinds.${step.kind}`), title: step.title || t('editor.untitled') }),
      };
      return [marked(ghost, 'removed')];
    });
    // removed steps go under the map's own steps (after the lanes and columns)
    const firstStep = marks.findIndex((n) => n.type === 'step');
    return firstStep < 0 ? [...marks, ...ghosts] : [...marks.slice(0, firstStep), ...ghosts, ...marks.slice(firstStep)];
  }, [compared, nodes, language]); // eslint-disable-line react-hooks/exhaustive-deps
}

/** The flows with added and changed ones coloured (the same array when nothing is compared). */
export function useCompareEdges(doc: MapDoc, edges: FlowEdgeType[]): FlowEdgeType[] {
  const compared = useComparison(doc);
  return useMemo(() => {
    if (!compared) return edges;
    const added = new Set(compared.comparison.flows.added);
    const changed = new Set(compared.comparison.flows.changed.map((c) => c.id));
    return edges.map((e) => {
      const kind = added.has(e.id) ? 'added' : changed.has(e.id) ? 'changed' : null;
      return kind ? { ...e, className: [e.className, `diff-${kind}`].filter(Boolean).join(' ') } : e;
    });
  }, [compared, edges]);
}
