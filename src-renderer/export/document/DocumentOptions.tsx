/** The export dialog's options for the process document (its language) and the CSV (its separator). */
import type { CsvSeparator } from '../../../shared/export/csv';
import type { ExportLang } from '../../../shared/export/words';
import { useT } from '../../i18n';
import './document.css';

export function DocumentOptions(props: { lang: ExportLang; onLang(lang: ExportLang): void }) {
  const t = useT();
  return (
    <div className="doc-export-options">
      <label className="field">
        <span>{t('docExport.language')}</span>
        <select aria-label={t('docExport.language')} value={props.lang} onChange={(e) => props.onLang(e.target.value as ExportLang)}>
          <option value="ru">{t('docExport.languages.ru')}</option>
          <option value="en">{t('docExport.languages.en')}</option>
        </select>
      </label>
      <p className="muted doc-export-explain">{t('docExport.explain')}</p>
    </div>
  );
}

export function CsvOptions(props: { separator: CsvSeparator; onSeparator(sep: CsvSeparator): void }) {
  const t = useT();
  return (
    <div className="doc-export-options">
      <label className="field">
        <span>{t('docExport.separator')}</span>
        <select aria-label={t('docExport.separator')} value={props.separator} onChange={(e) => props.onSeparator(e.target.value as CsvSeparator)}>
          <option value=";">{t('docExport.separators.semicolon')}</option>
          <option value=",">{t('docExport.separators.comma')}</option>
        </select>
      </label>
      <p className="muted doc-export-explain">{t('docExport.csvExplain')}</p>
    </div>
  );
}
