/**
 * "Export CSV" and "Export XLSX" in a view's header (issue 10, part 3): the view as it is on
 * screen, in the interface's language, saved as a file named after the map and the view
 * (busy and failure handling: ExportButtonGroup).
 */
import { FileSpreadsheet, FileText } from 'lucide-react';
import type { SheetView } from '../../../shared/views/sheets';
import { currentLanguage, useT } from '../../i18n';
import { ExportButtonGroup } from './ExportButtonGroup';
import { viewFile, type ViewFileFormat } from './viewFile';

export function ViewExportButtons({ view }: { view: SheetView }) {
  const t = useT();
  return (
    <ExportButtonGroup<ViewFileFormat>
      label={t('viewExport.title')}
      choices={[
        { format: 'csv', icon: FileText, label: t('viewExport.csv'), hint: t('viewExport.csvHint') },
        { format: 'xlsx', icon: FileSpreadsheet, label: t('viewExport.xlsx'), hint: t('viewExport.xlsxHint') },
      ]}
      make={(doc, format, versionName) => viewFile(doc, view, format, currentLanguage(), versionName)}
      emptyNote={t('viewExport.onlyHeaders')}
    />
  );
}
