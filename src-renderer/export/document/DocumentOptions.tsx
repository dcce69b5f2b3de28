/** The export dialog's options for the process document (its file and language) and the CSV (its separator). */
import type { CsvSeparator } from '../../../shared/export/csv';
import type { DocumentFormat } from './processDocument';
import type { ExportLang } from '../../../shared/export/words';
import { useT } from '../../i18n';
import './document.css';

export function DocumentOptions(props: { lang: ExportLang; onLang(lang: ExportLang): void; format: DocumentFormat; onFormat(format: DocumentFormat): void; busy?: boolean }) {
  const t = useT();
  return (
    <div className="doc-export-options">
      <fieldset className="doc-export-files">
        <legend>{t('docExport.file')}</legend>
        {(['docx', 'pdf'] as const).map((f) => (
          <label key={f} className="radio">
            <input type="radio" name="document-format" value={f} checked={props.format === f} onChange={() => props.onFormat(f)} /> {t(`docExport.files.${f}`)}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('docExport.language')}</span>
        <select aria-label={t('docExport.language')} value={props.lang} onChange={(e) => props.onLang(e.target.value as ExportLang)}>
          <option value="ru">{t('docExport.languages.ru')}</option>
          <option value="en">{t('docExport.languages.en')}</option>
        </select>
      </label>
      <p className="muted doc-export-explain">{t('docExport.explain')}</p>
      {props.busy && (
        <p className="doc-export-making" role="status">
          <span className="doc-export-spinner" aria-hidden="true" /> {props.format === 'pdf' ? t('docExport.makingPdf') : t('docExport.making')}
        </p>
      )}
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
