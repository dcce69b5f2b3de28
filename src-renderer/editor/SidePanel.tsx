/**
 * The right-hand panel of the editor: the inspector, the map's checks, or one of the review
 * panels (comments, pain points, versions), chosen by tabs above it.
 */
import type { ReactNode } from 'react';

export const SIDE_PANELS = ['inspector', 'check', 'comments', 'painPoints', 'versions'] as const;
export type SidePanelId = (typeof SIDE_PANELS)[number];

export function SideTabs({ value, onChange, labels }: { value: SidePanelId; onChange(id: SidePanelId): void; labels: Record<SidePanelId, ReactNode> }) {
  return (
    <div className="side-tabs" role="tablist">
      {SIDE_PANELS.map((id) => (
        <button key={id} role="tab" aria-selected={value === id} className={value === id ? 'is-active' : ''} onClick={() => onChange(id)}>
          {labels[id]}
        </button>
      ))}
    </div>
  );
}
