/**
 * "Export SVG" and "Export PNG" in the SWOT view's header (issue 17): the board as a page of its
 * own, as it is on screen, in the interface's language (busy and failure handling: ExportButtonGroup).
 */
import { FileImage, FileType } from 'lucide-react';
import { useT } from '../../i18n';
import { swotFile, type SwotFileFormat } from '../swot/swotFile';
import { ExportButtonGroup } from './ExportButtonGroup';

export function SwotExportButtons() {
  const t = useT();
  return (
    <ExportButtonGroup<SwotFileFormat>
      label={t('swotView.exportTitle')}
      choices={[
        { format: 'svg', icon: FileType, label: t('swotView.exportSvg'), hint: t('swotView.exportSvgHint') },
        { format: 'png', icon: FileImage, label: t('swotView.exportPng'), hint: t('swotView.exportPngHint') },
      ]}
      make={swotFile}
      emptyNote={t('swotView.emptyExported')}
    />
  );
}
