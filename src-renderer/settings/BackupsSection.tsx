/**
 * Settings › Backups: where the library and its copies are, the copies (time, kind, size),
 * "Back up now", and Restore. A restore asks first; the editor's pending edits are stored
 * before it (so the copy of the library taken first has them), and afterwards the page is
 * loaded afresh on the library: every screen, the undo history and the settings come from the
 * restored library.
 */
import { History, HardDriveDownload } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { BackupSummary, CallResults } from '../../shared/contract';
import { api, ApiError } from '../api';
import { formatDate, formatNumber, t as translate, useLanguage, useT } from '../i18n';
import { describeFailure, isDiskFailure } from '../i18n/errors';
import { notify } from '../store/notices';
import { useEditorStore } from '../store/context';
import './backups.css';

/** A marker that survives the reload after a restore, so the fresh page can say what happened. */
const RESTORED_KEY = 'lanemap:restored-backup';

/** 1.2 MB / «1,2 МБ»; below a megabyte in whole kilobytes (at least 1). */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return translate('backups.sizeKb', { size: formatNumber(Math.max(1, Math.round(bytes / 1024)), 0) });
  return translate('backups.sizeMb', { size: formatNumber(bytes / (1024 * 1024), 1) });
}

/** Called once as the app starts: says that the library was just restored (after the reload a restore makes). */
export function announceRestoredBackup(): void {
  let createdAt: string | null = null;
  try {
    createdAt = sessionStorage.getItem(RESTORED_KEY);
    sessionStorage.removeItem(RESTORED_KEY);
  } catch {
    return;
  }
  if (createdAt) notify.info(translate('backups.restored', { time: formatDate(createdAt) }));
}

/** Why a backup call failed, in words about backups where the generic ones would speak of maps. */
function backupFailure(action: 'listBackups' | 'backUp' | 'restoreBackup', e: unknown): string {
  if (e instanceof ApiError && !isDiskFailure(e)) {
    if (action === 'restoreBackup' && e.code === 'not-found') return translate('backups.gone');
    if (action === 'restoreBackup' && e.code === 'bad-input') return translate('backups.unusable');
  }
  return describeFailure(action, e);
}

export function BackupsSection({ onAskRestore }: { onAskRestore(backup: BackupSummary): void }) {
  const t = useT();
  useLanguage();
  const [list, setList] = useState<CallResults['backups:list'] | null>(null);
  const [working, setWorking] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setList(await api['backups:list']({}));
    } catch (e) {
      notify.error(backupFailure('listBackups', e));
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const backUpNow = async () => {
    setWorking(true);
    try {
      await api['backups:create']({});
      notify.info(t('backups.made'));
    } catch (e) {
      notify.error(backupFailure('backUp', e));
    }
    setWorking(false);
    await refresh();
  };

  return (
    <section className="settings-backups" aria-labelledby="settings-backups-title">
      <h3 id="settings-backups-title">{t('backups.title')}</h3>
      <p className="muted">{t('backups.explain')}</p>
      {list && (
        <dl className="backup-places">
          <dt>{t('backups.libraryFile')}</dt>
          <dd translate="no">
            <code>{list.libraryFile}</code>
          </dd>
          <dt>{t('backups.folder')}</dt>
          <dd translate="no">
            <code>{list.folder}</code>
          </dd>
        </dl>
      )}
      <button type="button" onClick={() => void backUpNow()} disabled={working || !list}>
        <HardDriveDownload size={15} aria-hidden /> {t('backups.backUpNow')}
      </button>
      {!list ? (
        <p className="muted">{t('backups.loading')}</p>
      ) : list.backups.length === 0 ? (
        <p className="muted">{t('backups.none')}</p>
      ) : (
        <ul className="backup-list" aria-label={t('backups.listLabel')}>
          {list.backups.map((b) => (
            <li key={b.path} className="backup-item" title={b.name}>
              <span className="backup-time">{formatDate(b.createdAt)}</span>
              <span className="backup-meta muted">
                {t(`backups.kind.${b.kind}`)} · {formatSize(b.size)}
              </span>
              <button type="button" aria-label={t('backups.restoreLabel', { time: formatDate(b.createdAt) })} onClick={() => onAskRestore(b)}>
                <History size={14} aria-hidden /> {t('backups.restore')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * Restores `backup` after the editor's pending edits are stored; then the page starts afresh
 * on the library. Returns false (and says why) when the backup could not be restored.
 */
export function useRestoreBackup(): (backup: BackupSummary) => Promise<boolean> {
  const store = useEditorStore();
  return useCallback(
    async (backup) => {
      try {
        await store.getState().flush();
        await api['backups:restore']({ path: backup.path });
      } catch (e) {
        notify.error(backupFailure('restoreBackup', e));
        return false;
      }
      try {
        sessionStorage.setItem(RESTORED_KEY, backup.createdAt);
      } catch {
        // no session storage: the page reloads without the notice
      }
      window.history.replaceState(null, '', '#');
      window.location.reload();
      return true;
    },
    [store],
  );
}
