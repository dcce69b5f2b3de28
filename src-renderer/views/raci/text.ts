/** Interface texts of the raci view, English and Russian (wired into i18n/en.ts and ru.ts as `raciView`). */
export const raciText = {
  en: {
    title: 'raci',
  },
  ru: {
    title: 'RACI',
  },
};
