/** Interface texts of the process document (Word or PDF) and the CSV options in the export dialog (wired into i18n/en.ts and ru.ts as `docExport`). */
export const docExportText = {
  en: {
    format: 'Process document (Word or PDF)',
    file: 'File',
    files: { docx: 'Word (.docx), to edit', pdf: 'PDF, to print and send' },
    language: 'Language of the document',
    languages: { en: 'English', ru: 'Russian' },
    explain:
      'Title, purpose, owner and approval; the map (in readable parts when it is large); roles, phases, the numbered step table, RACI, SIPOC and figures; open comments and pain points as an appendix.',
    making: 'Making the document…',
    makingPdf: 'Making the PDF of the document: the map is drawn in readable parts, this may take a few seconds…',
    separator: 'Separator',
    separators: { semicolon: 'Semicolon ; (Excel in Russian and most of Europe)', comma: 'Comma , (Excel in English)' },
    csvExplain: 'Steps in reading order, numbered, with the next steps by number and the duration in minutes in a column of its own.',
  },
  ru: {
    format: 'Регламент процесса (Word или PDF)',
    file: 'Файл',
    files: { docx: 'Word (DOCX), для правки', pdf: 'PDF, для печати и рассылки' },
    language: 'Язык документа',
    languages: { en: 'Английский', ru: 'Русский' },
    explain:
      'Название, цель, владелец и утверждение; карта (по частям в читаемом масштабе, если она большая); роли, этапы, пронумерованная таблица шагов, RACI, SIPOC и показатели; открытые комментарии и проблемные места — в приложении.',
    making: 'Готовим документ…',
    makingPdf: 'Готовим PDF регламента: карта рисуется по частям в читаемом масштабе, это может занять несколько секунд…',
    separator: 'Разделитель',
    separators: { semicolon: 'Точка с запятой ; (русский Excel)', comma: 'Запятая , (английский Excel)' },
    csvExplain: 'Шаги в порядке чтения, с номерами, следующими шагами по номерам и длительностью в минутах в отдельном столбце.',
  },
} as const;
