/**
 * The Versions tab: save the map under a name ("As-is", "To-be"), list the saved versions
 * (newest first), open one read only, compare two (or one with the current map) and restore
 * one as the current map (one undoable edit). The comparison's differences are listed here.
 */
import { Eye, GitCompareArrows, RotateCcw, Save, Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { VersionSummary } from '../../shared/model/types';
import { ConfirmDialog } from '../components/Dialog';
import { formatDate, useLanguage, useT } from '../i18n';
import { notify } from '../store/notices';
import { useEditor, useEditorStore } from '../store/context';
import { CompareList } from './CompareList';
import { SaveVersionDialog } from './SaveVersionDialog';
import { compareVersions, deleteVersion, openVersion, restoreVersion, useVersions } from './versionState';

const CURRENT = 'current';

export function VersionsPanel() {
  const t = useT();
  useLanguage();
  const store = useEditorStore();
  const mapId = useEditor((s) => s.doc?.id ?? null);
  const viewing = useEditor((s) => s.viewing);
  // a team map the user may not change (team/useTeamMap.ts): versions can be looked at, not made, restored or deleted
  const locked = useEditor((s) => s.readOnly !== null);
  const list = useVersions((s) => (s.mapId === mapId ? s.list : null));
  const error = useVersions((s) => (s.mapId === mapId ? s.error : null));
  const comparing = useVersions((s) => s.comparison !== null);
  const [saving, setSaving] = useState(false);
  const [restoring, setRestoring] = useState<VersionSummary | null>(null);
  const [deleting, setDeleting] = useState<VersionSummary | null>(null);

  useEffect(() => {
    if (mapId) void useVersions.getState().refresh(mapId);
  }, [mapId]);

  return (
    <div className="side-panel versions-panel">
      <button type="button" className="primary versions-save" disabled={viewing !== null || locked || list === null} onClick={() => setSaving(true)}>
        <Save size={15} aria-hidden /> {t('versions.save')}
      </button>
      {comparing && <CompareList />}
      {list && list.length > 0 && <ComparePicker list={list} />}
      <h3 className="versions-heading">{t('versions.listTitle')}</h3>
      {error && (
        <p className="versions-error" role="alert">
          {error}
        </p>
      )}
      {!list && !error && <p className="muted">{t('versions.loading')}</p>}
      {list && list.length === 0 && <p className="muted versions-empty">{t('versions.empty')}</p>}
      {list && list.length > 0 && (
        <ul className="version-list">
          {list.map((v) => (
            <li key={v.id} className={`version-row${viewing?.versionId === v.id ? ' is-viewing' : ''}`} data-version-id={v.id}>
              <div className="version-name">
                <span translate="no">{v.name}</span>
                {v.kind === 'approved' && <span className="badge version-approved">{t('versions.approvedBadge')}</span>}
              </div>
              {v.note && (
                <p className="version-note" translate="no">
                  {v.note}
                </p>
              )}
              <p className="version-meta muted">
                {v.author ? <span translate="no">{v.author}</span> : t('versions.noAuthor')} · {formatDate(v.createdAt)} ·{' '}
                {t('common.stepCount', { count: v.stepCount })}
              </p>
              <div className="version-actions">
                <button
                  type="button"
                  aria-label={t('versions.openLabel', { name: v.name })}
                  title={t('versions.openLabel', { name: v.name })}
                  onClick={() => void openVersion(store, v)}
                >
                  <Eye size={14} aria-hidden /> {t('versions.open')}
                </button>
                <button
                  type="button"
                  aria-label={t('versions.compareWithCurrentLabel', { name: v.name })}
                  title={t('versions.compareWithCurrentLabel', { name: v.name })}
                  onClick={() => void compareVersions(store, v, null)}
                >
                  <GitCompareArrows size={14} aria-hidden /> {t('versions.compareWithCurrent')}
                </button>
                <button
                  type="button"
                  aria-label={t('versions.restoreLabel', { name: v.name })}
                  title={t('versions.restoreLabel', { name: v.name })}
                  disabled={locked}
                  onClick={() => setRestoring(v)}
                >
                  <RotateCcw size={14} aria-hidden /> {t('versions.restore')}
                </button>
                {v.kind === 'manual' && (
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('versions.deleteLabel', { name: v.name })}
                    title={t('versions.deleteLabel', { name: v.name })}
                    disabled={locked || (viewing !== null && viewing.versionId !== v.id)}
                    onClick={() => setDeleting(v)}
                  >
                    <Trash2 size={14} aria-hidden />
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {saving && list && <SaveVersionDialog count={list.length} onClose={() => setSaving(false)} />}
      {deleting && (
        <ConfirmDialog
          title={t('versions.deleteTitle', { name: deleting.name })}
          message={t('versions.deleteMessage')}
          confirm={t('common.delete')}
          danger
          onConfirm={() => {
            const v = deleting;
            setDeleting(null);
            void deleteVersion(store, v);
          }}
          onCancel={() => setDeleting(null)}
        />
      )}
      {restoring && (
        <ConfirmDialog
          title={t('versions.restoreTitle', { name: restoring.name })}
          message={t('versions.restoreMessage')}
          confirm={t('versions.restoreConfirm')}
          onConfirm={() => {
            const v = restoring;
            setRestoring(null);
            void restoreVersion(store, v);
          }}
          onCancel={() => setRestoring(null)}
        />
      )}
    </div>
  );
}

/** Two pickers: any version with any other, or with the current map. */
function ComparePicker({ list }: { list: VersionSummary[] }) {
  const t = useT();
  const store = useEditorStore();
  // by default the newest version against the current map, or the two newest against each other
  const [older, setOlder] = useState(list[0]!.id);
  const [newer, setNewer] = useState(CURRENT);
  const known = (id: string) => id === CURRENT || list.some((v) => v.id === id);
  const a = known(older) ? older : list[0]!.id;
  const b = known(newer) ? newer : CURRENT;
  const options = (
    <>
      <option value={CURRENT}>{t('versions.current')}</option>
      {list.map((v) => (
        <option key={v.id} value={v.id} translate="no">
          {v.name}
        </option>
      ))}
    </>
  );
  const run = () => {
    if (a === b) {
      notify.error(t('versions.compareSame'));
      return;
    }
    // the current map is always the newer side
    const [x, y] = a === CURRENT ? [b, a] : [a, b];
    const first = list.find((v) => v.id === x)!;
    const second = y === CURRENT ? null : list.find((v) => v.id === y)!;
    void compareVersions(store, first, second);
  };
  return (
    <section className="compare-picker" aria-label={t('versions.compareTitle')}>
      <h3 className="versions-heading">{t('versions.compareTitle')}</h3>
      <label className="field">
        <span>{t('versions.compareOlder')}</span>
        <select aria-label={t('versions.compareOlder')} value={a} onChange={(e) => setOlder(e.target.value)}>
          {options}
        </select>
      </label>
      <label className="field">
        <span>{t('versions.compareNewer')}</span>
        <select aria-label={t('versions.compareNewer')} value={b} onChange={(e) => setNewer(e.target.value)}>
          {options}
        </select>
      </label>
      <button type="button" onClick={run}>
        <GitCompareArrows size={14} aria-hidden /> {t('versions.compareRun')}
      </button>
    </section>
  );
}
