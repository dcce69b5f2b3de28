/** Interface texts of the limit counter and the "cut" notice beside limited text fields (wired into i18n/en.ts and ru.ts as `limits`). */
export const limitsText = {
  en: {
    counter: '{{n, number}} / {{max, number}}',
    counterLabel: '{{n, number}} of {{max, number}} characters',
    cut_one: 'Cut to {{count, number}} character: the field can hold no more.',
    cut_other: 'Cut to {{count, number}} characters: the field can hold no more.',
  },
  ru: {
    counter: '{{n, number}} / {{max, number}}',
    counterLabel: '{{n, number}} из {{max, number}} знаков',
    cut_one: 'Обрезано до {{count, number}} знака: больше в поле не помещается.',
    cut_few: 'Обрезано до {{count, number}} знаков: больше в поле не помещается.',
    cut_many: 'Обрезано до {{count, number}} знаков: больше в поле не помещается.',
    cut_other: 'Обрезано до {{count, number}} знака: больше в поле не помещается.',
  },
};
