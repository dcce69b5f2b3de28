/** "New map": a title, and a blank map or one of the bundled templates, each with a picture. */
import { FileText } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { CallResults } from '../../shared/contract';
import { LIMITS } from '../../shared/model/types';
import { api } from '../api';
import { Dialog } from '../components/Dialog';
import { notify } from '../store/notices';
import { MapPicture } from './MapPicture';

type Template = CallResults['templates:list'][number];

export function NewMapDialog({ onCreated, onCancel }: { onCreated(id: string): void; onCancel(): void }) {
  const [templates, setTemplates] = useState<Template[]>([]);
  const [choice, setChoice] = useState<string>('blank');
  const [title, setTitle] = useState('New sales process');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api['templates:list']({}).then(
      (list) => setTemplates(list.filter((t) => !t.id.startsWith('sample'))),
      (e: Error) => notify.error(`The templates could not be read: ${e.message}`),
    );
  }, []);

  const pick = (id: string) => {
    setChoice(id);
    // the title follows the choice until the user writes one
    if (!touched) setTitle(id === 'blank' ? 'New sales process' : (templates.find((t) => t.id === id)?.doc.title ?? title));
  };

  const create = async () => {
    const name = title.trim();
    if (!name) return;
    setBusy(true);
    try {
      const doc = choice === 'blank' ? await api['maps:create']({ title: name }) : await api['maps:createFromTemplate']({ templateId: choice, title: name });
      onCreated(doc.id);
    } catch (e) {
      notify.error(`Could not create the map: ${(e as Error).message}`);
      setBusy(false);
    }
  };

  return (
    <Dialog title="New map" onCancel={onCancel}>
      <form
        className="new-map"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label className="field">
          <span>Map title</span>
          <input
            name="title"
            value={title}
            maxLength={LIMITS.mapTitle}
            required
            onChange={(e) => {
              setTitle(e.target.value);
              setTouched(true);
            }}
          />
        </label>
        <div className="template-grid" role="radiogroup" aria-label="Start from">
          <label className={`template-card${choice === 'blank' ? ' is-chosen' : ''}`}>
            <input
              type="radio"
              name="template"
              className="visually-hidden"
              checked={choice === 'blank'}
              onChange={() => pick('blank')}
              aria-label="Blank map"
            />
            <div className="template-thumb blank">
              <FileText size={28} aria-hidden />
            </div>
            <span className="template-title">Blank map</span>
            <span className="muted">Two lanes to start with</span>
          </label>
          {templates.map((t) => (
            <label key={t.id} className={`template-card${choice === t.id ? ' is-chosen' : ''}`}>
              <input type="radio" name="template" className="visually-hidden" checked={choice === t.id} onChange={() => pick(t.id)} aria-label={t.doc.title} />
              <div className="template-thumb">
                <MapPicture doc={t.doc} />
              </div>
              <span className="template-title">
                {t.doc.title} {t.language && <span className="badge">{t.language.toUpperCase()}</span>}
              </span>
              <span className="muted">
                {Object.keys(t.doc.steps).length} steps · {Object.keys(t.doc.roles).length} roles · {Object.keys(t.doc.phases).length} phases
              </span>
            </label>
          ))}
        </div>
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || !title.trim()}>
            {busy ? 'Creating…' : 'Create'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
