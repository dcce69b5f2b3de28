/**
 * Above a team map the user may not change now: why (their role, or the server signed out or
 * not reachable: "Not connected to <library>: this map is read-only. Nothing is queued."), the
 * way to sign in again, and the text of edits that could not be saved, to copy.
 */
import { ClipboardCopy, CloudOff, Eye, MessageSquare } from 'lucide-react';
import { useT } from '../i18n';
import { useSettings } from '../settings/settingsStore';
import { useEditor, useEditorStore } from '../store/context';
import { notify } from '../store/notices';
import './team.css';

export function TeamBanner() {
  const t = useT();
  const store = useEditorStore();
  const readOnly = useEditor((s) => s.readOnly);
  const unsaved = useEditor((s) => s.unsavedText);
  const openSettings = useSettings((s) => s.openDialog);
  if (!readOnly && !unsaved) return null;
  const library = readOnly?.library ?? '';
  const key = readOnly?.reason === 'signed-out' ? 'signedOut' : readOnly?.reason;
  const text = key ? t(`team.editor.${key}`, { library }) : null;
  const disconnected = readOnly?.reason === 'offline' || readOnly?.reason === 'signed-out';
  const copy = () => {
    void navigator.clipboard.writeText(unsaved ?? '').then(
      () => notify.info(t('team.editor.copiedUnsaved')),
      () => undefined,
    );
  };
  return (
    <div className={`team-banner${readOnly ? ` is-${readOnly.reason}` : ''}`} role="status" aria-label={text ?? t('team.editor.unsavedLabel')}>
      {text && (
        <>
          {disconnected ? (
            <CloudOff size={16} aria-hidden />
          ) : readOnly?.reason === 'commenter' ? (
            <MessageSquare size={16} aria-hidden />
          ) : (
            <Eye size={16} aria-hidden />
          )}
          <span className="team-banner-text" translate="no">
            {text}
          </span>
          {disconnected && (
            <button type="button" onClick={openSettings}>
              {t('team.editor.signInAgain')}
            </button>
          )}
        </>
      )}
      {unsaved !== null && (
        <div className="team-unsaved" role="alert">
          <span>{t('team.editor.notSaved', { library })}</span>
          <textarea readOnly aria-label={t('team.editor.unsavedLabel')} value={unsaved} translate="no" dir="auto" onFocus={(e) => e.currentTarget.select()} />
          <div className="team-unsaved-actions">
            <button type="button" className="primary" onClick={copy}>
              <ClipboardCopy size={14} aria-hidden /> {t('team.editor.copyUnsaved')}
            </button>
            <button type="button" onClick={() => store.getState().dismissUnsavedText()}>
              {t('team.editor.dismissUnsaved')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
