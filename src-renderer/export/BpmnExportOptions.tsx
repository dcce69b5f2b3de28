/** The export dialog's BPMN options (data objects, the whole hierarchy) and its note on what BPMN keeps. */
import './bpmnExport.css';
import type { MapDoc } from '../../shared/model/types';
import { useT } from '../i18n';
import { hasLinkedMaps, type BpmnExportChoice } from './bpmnExport';

export function BpmnExportOptions({ doc, choice, onChange }: { doc: MapDoc; choice: BpmnExportChoice; onChange(next: BpmnExportChoice): void }) {
  const t = useT();
  const linked = hasLinkedMaps(doc);
  return (
    <>
      <label className="checkbox">
        <input type="checkbox" checked={choice.dataObjects} onChange={(e) => onChange({ ...choice, dataObjects: e.target.checked })} />
        <span>{t('bpmn.export.dataObjects')}</span>
      </label>
      <label className="checkbox" title={linked ? undefined : t('bpmn.export.noLinks')}>
        <input type="checkbox" checked={linked && choice.hierarchy} disabled={!linked} onChange={(e) => onChange({ ...choice, hierarchy: e.target.checked })} />
        <span>
          {t('bpmn.export.hierarchy')}
          {!linked && <span className="muted bpmn-export-hint">{t('bpmn.export.noLinks')}</span>}
        </span>
      </label>
    </>
  );
}

/** In place of the preview: what BPMN keeps and where the rest goes. */
export function BpmnExportNote() {
  const t = useT();
  return <p className="bpmn-export-note">{t('bpmn.export.note')}</p>;
}
