/** Interface texts of the table view, English and Russian (wired into i18n/en.ts and ru.ts as `tableView`). */
export const tableText = {
  en: {
    title: 'table',
  },
  ru: {
    title: 'Таблица',
  },
};
