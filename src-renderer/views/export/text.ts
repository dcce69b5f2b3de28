/** Interface texts of exporting a view to CSV or XLSX (wired into i18n/en.ts and ru.ts as `viewExport`). */
export const viewExportText = {
  en: {
    title: 'Export',
  },
  ru: {
    title: 'Экспорт',
  },
};
