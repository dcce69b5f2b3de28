/**
 * The header bar of the matrix views (RACI, SIPOC, Resources): the view's name, a line of
 * facts about it, and its CSV/XLSX export buttons on the right; a second line for notes. While a
 * saved version is shown (read only) it says so, with the way back to the current map: the
 * canvas's own banner is not on screen in these views.
 */
import { Eye } from 'lucide-react';
import type { ReactNode } from 'react';
import { useT } from '../../i18n';
import { closeVersionView } from '../../review/versionState';
import { useEditor, useEditorStore } from '../../store/context';
import type { MapView } from '../views';
import { ViewExportButtons } from '../export/ViewExportButtons';
import './viewBar.css';

export function ViewBar({ view, title, facts, children }: { view: Exclude<MapView, 'map'>; title: string; facts?: ReactNode; children?: ReactNode }) {
  const t = useT();
  const store = useEditorStore();
  const viewing = useEditor((s) => s.viewing);
  return (
    <header className="mx-bar">
      {viewing && (
        <div className="mx-version" role="status">
          <Eye size={15} aria-hidden />
          <span translate="no">{t('versions.viewing', { name: viewing.name })}</span>
          <button type="button" className="primary" onClick={() => closeVersionView(store)}>
            {t('versions.backToCurrent')}
          </button>
        </div>
      )}
      <div className="mx-bar-line">
        <h2 className="mx-title">{title}</h2>
        {facts && <div className="mx-facts">{facts}</div>}
        <div className="mx-bar-end">
          <ViewExportButtons view={view} />
        </div>
      </div>
      {children && <div className="mx-notes">{children}</div>}
    </header>
  );
}
