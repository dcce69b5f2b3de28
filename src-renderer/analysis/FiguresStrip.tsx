/**
 * The figures strip above the canvas: lead time, work, waiting, efficiency and hand-offs of the
 * map, with switches for the critical path on the canvas and the value-stream band under it.
 */
import { Route, Waves, X } from 'lucide-react';
import { formatNumber, formatPercent, useT } from '../i18n';
import { formatWorkTime } from '../export/localized';
import { useAnalysisUi } from './analysisUi';
import { useAnalysis } from './useAnalysis';

export function FiguresStrip() {
  const t = useT();
  const { analysis, stale } = useAnalysis();
  const ui = useAnalysisUi();
  if (!ui.strip) {
    return (
      <div className="figures-strip is-folded">
        <button type="button" className="link-button" onClick={() => ui.set({ strip: true })}>
          {t('figures.show')}
        </button>
      </div>
    );
  }
  const f = analysis?.figures;
  const figure = (label: string, value: string, hint?: string) => (
    <span className="figure" title={hint}>
      <span className="muted">{label}</span> <strong>{value}</strong>
    </span>
  );
  return (
    <div className={`figures-strip${stale ? ' is-stale' : ''}`} role="region" aria-label={t('figures.stripLabel')}>
      {f && f.criticalPath.length > 0 ? (
        <>
          {figure(t('figures.leadTime'), formatWorkTime(f.leadTime), t('figures.leadTimeHint'))}
          {figure(t('figures.workOnPath'), formatWorkTime(f.workOnPath), t('figures.workOnPathHint'))}
          {figure(t('figures.waitTotal'), formatWorkTime(f.waitTotal))}
          {figure(t('figures.efficiency'), formatPercent(f.efficiency), t('figures.efficiencyHint'))}
        </>
      ) : (
        <span className="muted">{t('figures.noPath')}</span>
      )}
      {f && figure(t('figures.handOffs'), formatNumber(f.handOffs))}
      {stale && <span className="muted">{t('check.stale')}</span>}
      <span className="figures-actions">
        <button
          type="button"
          className="tool-button text"
          aria-pressed={ui.criticalPath}
          title={t('figures.showCriticalPath')}
          onClick={() => ui.set({ criticalPath: !ui.criticalPath })}
        >
          <Route size={15} aria-hidden /> {t('figures.criticalPath')}
        </button>
        <button
          type="button"
          className="tool-button text"
          aria-pressed={ui.valueStream}
          title={t('figures.showValueStream')}
          onClick={() => ui.set({ valueStream: !ui.valueStream })}
        >
          <Waves size={15} aria-hidden /> {t('figures.valueStream')}
        </button>
        <button type="button" className="tool-button" aria-label={t('figures.hide')} title={t('figures.hide')} onClick={() => ui.set({ strip: false })}>
          <X size={15} aria-hidden />
        </button>
      </span>
    </div>
  );
}
