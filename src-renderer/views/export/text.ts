/** Interface texts of exporting a view to CSV or XLSX (wired into i18n/en.ts and ru.ts as `viewExport`). */
export const viewExportText = {
  en: {
    title: 'Export',
    csv: 'Export CSV',
    xlsx: 'Export XLSX',
    csvHint: 'Save this view as a CSV file (opens in Excel, Cyrillic intact)',
    xlsxHint: 'Save this view as an Excel workbook',
    preparing: 'Preparing the {{format}} file…',
    done: 'Saved: {{where}}.',
    onlyHeaders: 'This view has no rows yet: the file has only the column headers.',
  },
  ru: {
    title: 'Экспорт',
    csv: 'Экспорт CSV',
    xlsx: 'Экспорт XLSX',
    csvHint: 'Сохранить это представление в файл CSV (открывается в Excel, кириллица сохраняется)',
    xlsxHint: 'Сохранить это представление в книгу Excel',
    preparing: 'Готовим файл {{format}}…',
    done: 'Сохранено: {{where}}.',
    onlyHeaders: 'В этом представлении пока нет строк: в файле только заголовки столбцов.',
  },
};
