/** Interface texts of the sipoc view, English and Russian (wired into i18n/en.ts and ru.ts as `sipocView`). */
export const sipocText = {
  en: {
    title: 'sipoc',
  },
  ru: {
    title: 'SIPOC',
  },
};
