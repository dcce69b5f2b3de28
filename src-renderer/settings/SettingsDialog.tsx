/** Settings: the interface language (applied at once), the name put on the user's comments, and the library's backups. */
import { Settings as Gear } from 'lucide-react';
import { useRef, useState } from 'react';
import { AUTHOR_NAME_MAX, type BackupSummary, type LanguageSetting } from '../../shared/contract';
import { ConfirmDialog, Dialog } from '../components/Dialog';
import { formatDate, LANGUAGES, systemLanguage, useT, type Language } from '../i18n';
import { BackupsSection, useRestoreBackup } from './BackupsSection';
import { TeamLibrariesSection } from '../team/TeamLibrariesSection';
import { useSettings } from './settingsStore';
import { LimitedInput } from '../components/limits/useTextLimit';

/** Each language by its own name, so that anyone can find theirs whatever the interface shows. */
const ENDONYMS: Record<Language, string> = { ru: 'Русский', en: 'English' };

export function SettingsDialog() {
  const t = useT();
  const language = useSettings((s) => s.language);
  const stored = useSettings((s) => s.authorName);
  const update = useSettings((s) => s.update);
  const close = useSettings((s) => s.closeDialog);
  const [name, setName] = useState(stored);
  const saved = useRef(stored);
  const [restoring, setRestoring] = useState<BackupSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const restoreBackup = useRestoreBackup();

  const saveName = () => {
    const value = name.trim();
    if (value === saved.current) return;
    saved.current = value;
    void update({ authorName: value });
  };
  const done = () => {
    saveName();
    close();
  };

  if (restoring) {
    const time = formatDate(restoring.createdAt);
    return (
      <ConfirmDialog
        title={t('backups.confirmTitle')}
        message={t('backups.confirmMessage', { time })}
        confirm={busy ? t('backups.restoring') : t('backups.confirm')}
        danger
        onCancel={() => !busy && setRestoring(null)}
        onConfirm={() => {
          if (busy) return;
          setBusy(true);
          saveName();
          void restoreBackup(restoring).then((ok) => {
            // on success the page reloads; on failure the user is back in Settings with the reason
            if (!ok) {
              setBusy(false);
              setRestoring(null);
            }
          });
        }}
      />
    );
  }

  return (
    <Dialog title={t('settings.title')} onCancel={done}>
      <form
        className="settings"
        onSubmit={(e) => {
          e.preventDefault();
          done();
        }}
      >
        <label className="field">
          <span>{t('settings.language')}</span>
          <select value={language} onChange={(e) => void update({ language: e.target.value as LanguageSetting })}>
            <option value="auto">{t('settings.languageAuto', { language: t(`languages.${systemLanguage()}`) })}</option>
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l} translate="no">
                {ENDONYMS[l]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('settings.authorName')}</span>
          <LimitedInput
            name="authorName"
            value={name}
            maxLength={AUTHOR_NAME_MAX}
            placeholder={t('settings.authorNamePlaceholder')}
            autoComplete="name"
            onChange={(e) => setName(e.target.value)}
            onBlur={saveName}
          />
          <small className="muted">{t('settings.authorNameHint')}</small>
        </label>
        <TeamLibrariesSection />
        <BackupsSection onAskRestore={setRestoring} />
        <div className="dialog-actions">
          <button type="submit" className="primary">
            {t('common.done')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The gear that opens Settings, in the library's header and the editor's toolbar. */
export function SettingsButton({ className = 'icon-button', size = 17 }: { className?: string; size?: number }) {
  const t = useT();
  const open = useSettings((s) => s.openDialog);
  return (
    <button type="button" className={className} aria-label={t('settings.open')} title={t('settings.open')} onClick={open}>
      <Gear size={size} aria-hidden />
    </button>
  );
}
