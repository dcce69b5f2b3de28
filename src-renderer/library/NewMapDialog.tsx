/** "New map": a title, and a blank map or one of the bundled templates, each with a picture. */
import { FileText } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import type { CallResults } from '../../shared/contract';
import { LIMITS } from '../../shared/model/types';
import { libraryApi as api } from '../team/current';
import { Dialog } from '../components/Dialog';
import { currentLanguage, useT } from '../i18n';
import { describeFailure } from '../i18n/errors';
import { notify } from '../store/notices';
import { MapPicture } from './MapPicture';
import { LimitedInput } from '../components/limits/useTextLimit';
import { linkedTemplates, mapsTitled } from '../../shared/model/titles';
import './landscapeChoice.css';

type Template = CallResults['templates:list'][number];

/** The interface's language first, then the others (each group in the backend's order). */
function byLanguage(list: Template[]): Template[] {
  const lng = currentLanguage();
  return [...list.filter((t) => t.language === lng), ...list.filter((t) => t.language !== lng)];
}

export function NewMapDialog({ onCreated, onCancel }: { onCreated(id: string): void; onCancel(): void }) {
  const t = useT();
  const [templates, setTemplates] = useState<Template[]>([]);
  const [choice, setChoice] = useState<string>('blank');
  const [title, setTitle] = useState(() => t('newMap.defaultTitle'));
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [library, setLibrary] = useState<CallResults['maps:list']>([]);
  // a landscape whose detailed processes already have maps: link them (default) or make copies
  const [existing, setExisting] = useState<'link' | 'copy'>('link');

  useEffect(() => {
    api['templates:list']({}).then(
      (list) => setTemplates(byLanguage(list.filter((tpl) => !tpl.id.startsWith('sample')))),
      (e: Error) => notify.error(describeFailure('readTemplates', e)),
    );
    api['maps:list']({}).then(setLibrary, () => setLibrary([]));
  }, []);

  const chosen = templates.find((tpl) => tpl.id === choice);
  const found = useMemo(() => {
    if (!chosen || Object.keys(chosen.links ?? {}).length === 0) return [];
    const children = linkedTemplates(templates, chosen);
    const wanted = Object.fromEntries(Object.entries(children).map(([stepId, c]) => [stepId, c.doc.title]));
    return Object.values(mapsTitled(wanted, library)).filter((m) => m !== undefined);
  }, [chosen, templates, library]);

  const pick = (id: string) => {
    setChoice(id);
    // the title follows the choice until the user writes one
    if (!touched) setTitle(id === 'blank' ? t('newMap.defaultTitle') : (templates.find((tpl) => tpl.id === id)?.doc.title ?? title));
  };

  const create = async () => {
    const name = title.trim();
    if (!name) return;
    setBusy(true);
    try {
      const roleNames = [t('newMap.defaultRoles.first'), t('newMap.defaultRoles.second')];
      const doc =
        choice === 'blank'
          ? await api['maps:create']({ title: name, roleNames })
          : await api['maps:createFromTemplate']({ templateId: choice, title: name, ...(found.length ? { existing } : {}) });
      onCreated(doc.id);
    } catch (e) {
      notify.error(describeFailure('createMap', e));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('newMap.title')} onCancel={onCancel}>
      <form
        className="new-map"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label className="field">
          <span>{t('newMap.mapTitle')}</span>
          <LimitedInput
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
        <div className="template-grid" role="radiogroup" aria-label={t('newMap.startFrom')}>
          <label className={`template-card${choice === 'blank' ? ' is-chosen' : ''}`}>
            <input
              type="radio"
              name="template"
              className="visually-hidden"
              checked={choice === 'blank'}
              onChange={() => pick('blank')}
              aria-label={t('newMap.blank')}
            />
            <div className="template-thumb blank">
              <FileText size={28} aria-hidden />
            </div>
            <span className="template-title">{t('newMap.blank')}</span>
            <span className="muted">{t('newMap.blankHint')}</span>
          </label>
          {templates.map((tpl) => (
            <label key={tpl.id} className={`template-card${choice === tpl.id ? ' is-chosen' : ''}`}>
              <input
                type="radio"
                name="template"
                className="visually-hidden"
                checked={choice === tpl.id}
                onChange={() => pick(tpl.id)}
                aria-label={tpl.doc.title}
                translate="no"
              />
              <div className="template-thumb">
                <MapPicture doc={tpl.doc} />
              </div>
              <span className="template-title">
                <span translate="no" lang={tpl.language ?? undefined}>
                  {tpl.doc.title}
                </span>{' '}
                {(tpl.language === 'ru' || tpl.language === 'en') && (
                  <span className="badge" title={t('newMap.templateLanguage', { language: t(`languages.${tpl.language}`) })}>
                    {t(`languages.badge.${tpl.language}`)}
                  </span>
                )}
              </span>
              <span className="muted">
                {t('common.stepCount', { count: Object.keys(tpl.doc.steps).length })} · {t('common.roleCount', { count: Object.keys(tpl.doc.roles).length })} ·{' '}
                {t('common.phaseCount', { count: Object.keys(tpl.doc.phases).length })}
              </span>
            </label>
          ))}
        </div>
        {found.length > 0 && (
          <fieldset className="landscape-choice">
            <legend>{t('landscapeLinks.legend')}</legend>
            <p className="muted">
              {t('landscapeLinks.found', {
                count: found.length,
                titles: found.map((m) => (currentLanguage() === 'ru' ? `«${m.title}»` : `“${m.title}”`)).join(', '),
              })}
            </p>
            {(['link', 'copy'] as const).map((option) => (
              <label key={option} className="landscape-option">
                <input type="radio" name="existing" value={option} checked={existing === option} onChange={() => setExisting(option)} />
                <span>
                  <strong>{t(`landscapeLinks.${option}`)}</strong>
                  <span className="muted">{t(`landscapeLinks.${option}Hint`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || !title.trim()}>
            {busy ? t('common.creating') : t('common.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
