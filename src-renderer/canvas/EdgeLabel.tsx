/**
 * React Flow's `EdgeLabelRenderer` without its cost: that one runs a `querySelector` for every
 * label on every change of React Flow's store (each frame of a pan). This finds the label layer
 * once per canvas and portals into it.
 */
import { useStore, type ReactFlowState } from '@xyflow/react';
import { useMemo, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

const domNodeOf = (s: ReactFlowState) => s.domNode;

export function EdgeLabel({ children }: { children: ReactNode }) {
  const domNode = useStore(domNodeOf);
  const layer = useMemo(() => domNode?.querySelector<HTMLElement>('.react-flow__edgelabel-renderer') ?? null, [domNode]);
  return layer ? createPortal(children, layer) : null;
}
