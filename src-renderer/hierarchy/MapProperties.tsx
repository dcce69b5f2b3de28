/**
 * The map's properties, as the article's first step asks: why the map is made (training,
 * optimisation, monitoring, other) and who owns it. Shown in the inspector when nothing is
 * selected, above the description.
 */
import { cmd } from '../../shared/model/commands';
import { LIMITS, PURPOSES, type MapDoc, type Purpose } from '../../shared/model/types';
import { CommitField } from '../components/CommitField';
import { useT } from '../i18n';
import { useEditorStore } from '../store/context';

export function MapProperties({ doc }: { doc: MapDoc }) {
  const t = useT();
  const run = useEditorStore().getState().run;
  return (
    <>
      <label className="field">
        <span>{t('properties.purpose')}</span>
        <select
          aria-label={t('properties.purpose')}
          value={doc.purpose ?? ''}
          onChange={(e) => run(cmd('setMapProperties', { purpose: (e.target.value || null) as Purpose | null }))}
        >
          <option value="">{t('properties.purposeUnset')}</option>
          {PURPOSES.map((p) => (
            <option key={p} value={p}>
              {t(`properties.purposes.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('properties.owner')}</span>
        <CommitField
          label={t('properties.owner')}
          value={doc.owner ?? ''}
          maxLength={LIMITS.owner}
          placeholder={t('properties.ownerPlaceholder')}
          onCommit={(owner) => run(cmd('setMapProperties', { owner }), { coalesceKey: 'map:owner' })}
        />
      </label>
    </>
  );
}
