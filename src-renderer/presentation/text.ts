/** Interface texts the presentation's card adds (its comments, the branch numbers on the map), English and Russian (wired into i18n/en.ts and ru.ts as `presentationMore`). */
export const presentationText = {
  en: {
    comments: {
      label: 'Open comments on this step',
      /** Under the latest few: how many more there are. */
      more_one: '+{{count, number}} more',
      more_other: '+{{count, number}} more',
      reply: 'reply',
    },
    branchMark: 'Branch {{n, number}}: press {{n, number}}',
  },
  ru: {
    comments: {
      label: 'Открытые комментарии к шагу',
      more_one: 'и ещё {{count, number}}',
      more_few: 'и ещё {{count, number}}',
      more_many: 'и ещё {{count, number}}',
      more_other: 'и ещё {{count, number}}',
      reply: 'ответ',
    },
    branchMark: 'Ветка {{n, number}}: нажмите {{n, number}}',
  },
};
