/** "Save version…": a name (a dated suggestion), a note and who saves it. */
import { useState } from 'react';
import { LIMITS } from '../../shared/model/types';
import { Dialog } from '../components/Dialog';
import { useT } from '../i18n';
import { useSettings } from '../settings/settingsStore';
import { useEditorStore } from '../store/context';
import { saveVersion, suggestedName } from './versionState';
import { LimitedInput, LimitedTextarea } from '../components/limits/useTextLimit';

export function SaveVersionDialog({ count, onClose }: { count: number; onClose(): void }) {
  const t = useT();
  const store = useEditorStore();
  const settingsName = useSettings((s) => s.authorName);
  const [name, setName] = useState(() => suggestedName(count));
  const [note, setNote] = useState('');
  const [author, setAuthor] = useState(settingsName);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!name.trim() || busy) return;
    setBusy(true);
    // the name is asked once: the first one typed here becomes the Settings name
    if (!settingsName.trim() && author.trim()) void useSettings.getState().update({ authorName: author.trim() });
    const saved = await saveVersion(store, { name, note, author });
    setBusy(false);
    if (saved) onClose();
  };

  return (
    <Dialog title={t('versions.saveTitle')} onCancel={onClose}>
      <form
        className="version-save"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="muted">{t('versions.saveHint')}</p>
        <label className="field">
          <span>{t('versions.name')}</span>
          <LimitedInput name="name" value={name} maxLength={LIMITS.versionName} required onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('versions.note')}</span>
          <LimitedTextarea
            name="note"
            rows={3}
            value={note}
            maxLength={LIMITS.versionNote}
            placeholder={t('versions.notePlaceholder')}
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('versions.author')}</span>
          <LimitedInput name="author" value={author} maxLength={LIMITS.author} onChange={(e) => setAuthor(e.target.value)} />
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || !name.trim()}>
            {t('versions.saveConfirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
