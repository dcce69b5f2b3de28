/**
 * The inspector's section for a sub-process step: the map that details it (open it, or
 * unlink), or, while it has none, make one now or choose one of the library's maps.
 */
import { ExternalLink, FilePlus2, Unlink } from 'lucide-react';
import { useEffect, useState } from 'react';
import { cmd } from '../../shared/model/commands';
import { LIMITS, type MapSummary, type Step } from '../../shared/model/types';
import { libraryApi as api } from '../team/current';
import { useT } from '../i18n';
import { describeFailure } from '../i18n/errors';
import { useEditor, useEditorStore } from '../store/context';
import { notify } from '../store/notices';
import { useNavigation } from './navigation';

export function SubprocessLink({ step }: { step: Step }) {
  const t = useT();
  const store = useEditorStore();
  const { openMap } = useNavigation();
  const mapId = useEditor((s) => s.doc?.id);
  const roleName = useEditor((s) => s.doc?.roles[step.roleId]?.name);
  const [maps, setMaps] = useState<MapSummary[] | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api['maps:list']({}).then(
      (list) => live && setMaps(list),
      () => live && setMaps([]),
    );
    return () => {
      live = false;
    };
  }, [step.linkedMapId]);

  const linked = step.linkedMapId ? maps?.find((m) => m.id === step.linkedMapId) : undefined;
  const others = (maps ?? []).filter((m) => m.id !== mapId);

  const create = async () => {
    setBusy(true);
    try {
      const title = (step.title.trim() || t('hierarchy.untitledSubprocess')).slice(0, LIMITS.mapTitle);
      const made = await api['maps:create']({ title, ...(roleName ? { roleNames: [roleName] } : {}) });
      if (store.getState().run(cmd('setStepLink', { stepId: step.id, mapId: made.id }))) {
        notify.info(t('hierarchy.created', { title: made.title }));
      }
    } catch (e) {
      notify.error(describeFailure('createMap', e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="subprocess-link" aria-label={t('hierarchy.section')}>
      <h3 className="field-title">{t('hierarchy.detailedIn')}</h3>
      {step.linkedMapId ? (
        <>
          <p className="linked-map" translate="no">
            {linked ? linked.title : maps === null ? t('common.loading') : t('hierarchy.missing')}
          </p>
          <div className="row">
            <button className="primary" disabled={!linked} onClick={() => openMap(step.linkedMapId!, 'down')}>
              <ExternalLink size={14} aria-hidden /> {t('hierarchy.open')}
            </button>
            <button onClick={() => store.getState().run(cmd('setStepLink', { stepId: step.id, mapId: null }))}>
              <Unlink size={14} aria-hidden /> {t('hierarchy.unlink')}
            </button>
          </div>
          <p className="muted hint">{t('hierarchy.doubleClickHint')}</p>
        </>
      ) : (
        <>
          <p className="muted">{t('hierarchy.notLinked')}</p>
          <button className="primary" disabled={busy} onClick={() => void create()}>
            <FilePlus2 size={14} aria-hidden /> {busy ? t('common.creating') : t('hierarchy.createMap')}
          </button>
          <label className="field">
            <span>{t('hierarchy.orChoose')}</span>
            <select
              aria-label={t('hierarchy.chooseMap')}
              value=""
              disabled={others.length === 0}
              onChange={(e) => e.target.value && store.getState().run(cmd('setStepLink', { stepId: step.id, mapId: e.target.value }))}
            >
              <option value="">{others.length ? t('hierarchy.choosePlaceholder') : t('hierarchy.noOtherMaps')}</option>
              {others.map((m) => (
                <option key={m.id} value={m.id} translate="no">
                  {m.title}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
    </section>
  );
}
