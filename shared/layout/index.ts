/** The layout engine: pure, deterministic, ELK passed in. */
export { layoutMap, applyLayout } from './layoutMap';
export { validateLayout } from './validate';
export { phaseSlots, type PhaseSlots } from './phases';
export type { ElkLike, ElkNode, LayoutOptions, LayoutResult, PhaseColumn } from './types';
