/**
 * The header bar of the matrix views (RACI, SIPOC, Resources): the view's name, a line of
 * facts about it, and its CSV/XLSX export buttons on the right; a second line for notes. (A
 * saved version on screen is said above every view by ViewHost.)
 */
import type { ReactNode } from 'react';
import type { MapView } from '../views';
import { isSheetView } from '../../../shared/views/sheets';
import { ViewExportButtons } from '../export/ViewExportButtons';
import './viewBar.css';

/** `exports` replaces the CSV/XLSX buttons (the SWOT board exports as a drawing). */
export function ViewBar({ view, title, facts, children, exports }: { view: Exclude<MapView, 'map'>; title: string; facts?: ReactNode; children?: ReactNode; exports?: ReactNode }) {
  return (
    <header className="mx-bar">
      <div className="mx-bar-line">
        <h2 className="mx-title">{title}</h2>
        {facts && <div className="mx-facts">{facts}</div>}
        <div className="mx-bar-end">
          {exports ?? (isSheetView(view) && <ViewExportButtons view={view} />)}
        </div>
      </div>
      {children && <div className="mx-notes">{children}</div>}
    </header>
  );
}
