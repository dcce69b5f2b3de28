/** Interface texts of the resources view, English and Russian (wired into i18n/en.ts and ru.ts as `resourcesView`). */
export const resourcesText = {
  en: {
    title: 'resources',
  },
  ru: {
    title: 'Ресурсы',
  },
};
