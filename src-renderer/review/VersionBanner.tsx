/**
 * Over the canvas while a saved version is shown or two versions are compared: what is on
 * screen, that it is read only, the way back to the current map, and the colours' legend.
 */
import { Eye, GitCompareArrows } from 'lucide-react';
import { useEffect } from 'react';
import { useT } from '../i18n';
import { useEditor, useEditorStore } from '../store/context';
import { closeVersionView, useVersions } from './versionState';

/** `inline`: in the flow of a view above its content (the table and matrix views), not floating over the canvas. */
export function VersionBanner({ inline = false }: { inline?: boolean } = {}) {
  const t = useT();
  const store = useEditorStore();
  const viewing = useEditor((s) => s.viewing);
  const mapId = useEditor((s) => s.doc?.id);
  const comparison = useVersions((s) => s.comparison);
  const compared = comparison && comparison.older.id === mapId ? comparison : null;

  // the canvas goes away when the map closes or another opens: so does the comparison
  useEffect(() => () => useVersions.setState({ comparison: null }), []);

  if (!viewing && !compared) return null;
  const title = compared
    ? compared.newerName === null
      ? t('versions.comparingCurrent', { older: compared.olderName })
      : t('versions.comparing', { older: compared.olderName, newer: compared.newerName })
    : t('versions.viewing', { name: viewing!.name });
  return (
    <div className={`version-banner${viewing ? ' is-read-only' : ''}${inline ? ' is-inline' : ''}`} role="status" aria-label={title}>
      <div className="version-banner-row">
        {compared ? <GitCompareArrows size={16} aria-hidden /> : <Eye size={16} aria-hidden />}
        <span className="version-banner-title" translate="no">
          {title}
        </span>
        {compared && viewing && <span className="version-banner-ro">{t('versions.readOnly')}</span>}
        <button type="button" className="primary" onClick={() => closeVersionView(store)}>
          {compared ? t('versions.closeCompare') : t('versions.backToCurrent')}
        </button>
      </div>
      {compared && <CompareLegend />}
    </div>
  );
}

/** What the colours on the canvas mean. */
export function CompareLegend() {
  const t = useT();
  return (
    <ul className="compare-legend" aria-label={t('versions.legend.title')}>
      {(['added', 'changed', 'removed', 'moved'] as const).map((kind) => (
        <li key={kind}>
          <span className={`compare-swatch diff-swatch-${kind}`} aria-hidden />
          {t(`versions.legend.${kind}`)}
        </li>
      ))}
    </ul>
  );
}
