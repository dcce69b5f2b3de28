/** One open map: toolbar, lanes panel, canvas, inspector. */
import { useCallback, useEffect, useState, type FocusEvent, type ReactNode } from 'react';
import { LANES_PANEL, PanelFrame, SIDE_PANEL, usePanelShown } from './PanelFrame';
import { MapCanvas } from '../canvas/MapCanvas';
import { Inspector } from '../panels/Inspector';
import { RolesPanel } from '../panels/RolesPanel';
import { useEditor, useEditorStore } from '../store/context';
import { ShortcutsHelp } from './ShortcutsHelp';
import { ExportDialog } from '../export/ExportDialog';
import { usePrintShortcut } from '../export/print/PdfOptions';
import { Toolbar } from './Toolbar';
import { SideTabs, type SidePanelId } from './SidePanel';
import { CommentsPanel } from '../review/CommentsPanel';
import { PainPointsPanel } from '../review/PainPointsPanel';
import { CheckPanel, useFindingCount } from '../analysis/CheckPanel';
import { VersionsPanel } from '../review/VersionsPanel';
import { ReadOnlyFence } from '../review/ReadOnlyFence';
import { TeamBanner } from '../team/TeamBanner';
import { formatNumber, useT } from '../i18n';
import { Breadcrumb } from '../hierarchy/Breadcrumb';
import { FindBar, useFindShortcut } from './FindBar';
import { useEditorShortcuts } from './useEditorShortcuts';
import { PresentationHost } from '../presentation/PresentationHost';
import { ViewSwitch } from '../views/ViewSwitch';
import { ViewHost } from '../views/ViewHost';
import { DeferredCanvas } from '../views/DeferredCanvas';
import { requestView, useMapView } from '../views/views';
import { AnalysisSync } from '../analysis/AnalysisSync';
import { FiguresStrip } from '../analysis/FiguresStrip';
import { ValueStreamBand } from '../analysis/ValueStreamBand';
import { useAnalysisUi } from '../analysis/analysisUi';
import { useReviewShortcuts, useReviewTabRequests } from '../review/useReviewShortcuts';
import { ReviewNotice } from '../optimise/review/ReviewNotice';

export function MapEditor({ mapId, onClose }: { mapId: string; onClose(): void }) {
  const store = useEditorStore();
  const hasDoc = useEditor((s) => s.doc !== null);
  const loading = useEditor((s) => s.loading);
  const [showRoles, setShowRoles] = usePanelShown(LANES_PANEL);
  const [showInspector, setShowInspector] = usePanelShown(SIDE_PANEL);
  const [showHelp, setShowHelp] = useState(false);
  const [showExport, setShowExport] = useState(false);
  const [side, setSide] = useState<SidePanelId>('inspector');
  // the find bar: open, and a counter that refocuses its field when Ctrl+F is pressed again
  const [find, setFind] = useState(0);
  // finding a step is done on the canvas: from another view, the map is shown first
  const openFind = useCallback(() => {
    requestView('map');
    setFind((n) => n + 1);
  }, []);
  useFindShortcut(openFind);
  const sideLabels = useSideLabels();
  const [view, setView] = useMapView(mapId);
  const valueStream = useAnalysisUi((s) => s.valueStream);

  useEffect(() => {
    void store.getState().load(mapId);
    return () => store.getState().close();
  }, [mapId, store]);

  const t = useT();
  const title = useEditor((s) => s.doc?.title);
  useEffect(() => {
    document.title = title ? t('editor.windowTitle', { title }) : 'Lanemap';
    return () => {
      document.title = 'Lanemap';
    };
  }, [title, t]);

  const openHelp = useCallback(() => setShowHelp(true), []);
  const openExport = useCallback(() => setShowExport(true), []);
  useEditorShortcuts({ onHelp: openHelp, onExport: openExport });
  usePrintShortcut();
  useReviewShortcuts();
  useReviewTabRequests((tab) => {
    setShowInspector(true);
    setSide(tab);
  });

  if (!hasDoc) {
    return (
      <div className="editor-empty">
        {loading ? <p className="muted">{t('editor.opening')}</p> : <button onClick={onClose}>{t('editor.backToLibrary')}</button>}
      </div>
    );
  }
  return (
    <div className="editor">
      <Toolbar
        onClose={onClose}
        onHelp={openHelp}
        onExport={openExport}
        showRoles={showRoles}
        onToggleRoles={() => setShowRoles((v) => !v)}
        showInspector={showInspector}
        onToggleInspector={() => setShowInspector((v) => !v)}
      />
      <Breadcrumb />
      <TeamBanner />
      <ReviewNotice />
      <div className="editor-body">
        {showRoles && (
          <PanelFrame
            spec={LANES_PANEL}
            resizeLabel={t('viewUi.resizeLanes')}
            collapseLabel={t('viewUi.collapseLanes')}
            hint={t('viewUi.resizeHint')}
            onCollapse={() => setShowRoles(false)}
          >
            <ReadOnlyFence>
              <RolesPanel />
            </ReadOnlyFence>
          </PanelFrame>
        )}
        <div className="canvas-column">
          <ViewSwitch value={view} onChange={setView} />
          {/* the canvas stays drawn under the other views: switching views on a big map never
              tears down and redraws thousands of steps. While covered it is hidden from
              assistive technology and keyboard focus passes it by (see skipCoveredCanvas); the
              view comes first, so Tab goes from the view switch into the view. */}
          <div className="view-stack">
            {view !== 'map' && <ViewHost view={view} />}
            <div className="map-layer" aria-hidden={view !== 'map' || undefined} onFocusCapture={view !== 'map' ? skipCoveredCanvas : undefined}>
              <FiguresStrip />
              <DeferredCanvas>
                <div className="canvas-area">
                  <MapCanvas />
                  {find > 0 && <FindBar focusKey={find} onClose={() => setFind(0)} />}
                </div>
              </DeferredCanvas>
              {valueStream && <ValueStreamBand />}
            </div>
          </div>
        </div>
        {showInspector && (
          <PanelFrame
            spec={SIDE_PANEL}
            resizeLabel={t('viewUi.resizeSide')}
            collapseLabel={t('viewUi.collapseSide')}
            hint={t('viewUi.resizeHint')}
            onCollapse={() => setShowInspector(false)}
          >
            <aside className="side">
              <SideTabs value={side} onChange={setSide} labels={sideLabels} />
              <ReadOnlyFence>
                {side === 'inspector' && <Inspector />}
                {side === 'check' && <CheckPanel />}
              </ReadOnlyFence>
              <ReadOnlyFence comments>
                {side === 'comments' && <CommentsPanel />}
                {side === 'painPoints' && <PainPointsPanel />}
              </ReadOnlyFence>
              {side === 'versions' && <VersionsPanel />}
            </aside>
          </PanelFrame>
        )}
      </div>
      {showHelp && <ShortcutsHelp onClose={() => setShowHelp(false)} />}
      {showExport && <ExportDialog onClose={() => setShowExport(false)} />}
      <PresentationHost />
      <AnalysisSync />
    </div>
  );
}

function useSideLabels(): Record<SidePanelId, ReactNode> {
  const t = useT();
  // problems and warnings of the map's checks, on the tab
  const findings = useFindingCount();
  const check = (
    <>
      {t('side.check')}
      {findings > 0 && (
        <span className="tab-count" aria-label={t('check.count', { count: findings })}>
          {formatNumber(findings)}
        </span>
      )}
    </>
  );
  return { inspector: t('side.inspector'), check, comments: t('side.comments'), painPoints: t('side.painPoints'), versions: t('side.versions') };
}

/**
 * Keyboard focus never rests on the covered canvas (an `inert` attribute would do it, but costs
 * a restyle of thousands of steps on every switch): coming from the view it goes on to the side
 * panel, coming from anywhere else back into the view.
 */
function skipCoveredCanvas(e: FocusEvent<HTMLDivElement>) {
  const view = document.getElementById('map-view');
  const from = e.relatedTarget as Node | null;
  const focusable = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex="0"]';
  const next =
    from && view?.contains(from)
      ? document.querySelector<HTMLElement>('.side [role="tab"][aria-selected="true"]')
      : view?.querySelector<HTMLElement>(focusable);
  if (next) next.focus();
  else (e.target as HTMLElement).blur();
}
