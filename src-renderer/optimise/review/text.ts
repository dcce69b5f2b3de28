/** Texts of the review cycle (map properties, approval line, library marks, the notice on opening), wired into i18n as `reviewCycle`. */
export const reviewCycleText = {
  en: {
    every: 'Review every, months',
    everyHint: 'Default {{count}}; 0: no regular review',
    badEvery: 'Give a whole number of months from 0 to {{max}}.',
    next: 'Next review',
    clearNext: 'Clear the next review date',
    nextNone: 'not planned',
    /** After "Approved by … on …" in the status menu. */
    approvedNext: 'next review {{date}}',
    state: {
      due: 'Review due {{date}}',
      overdue: 'Review overdue since {{date}}',
    },
    filterDue_one: 'Review due ({{count}})',
    filterDue_other: 'Review due ({{count}})',
    filterDueLabel: 'Show only maps whose review is due or overdue',
    dueListLabel: 'Maps due for review, overdue first',
    allMaps: 'All maps',
    noneDue: 'No map is due for review.',
    notice: {
      /** No full stop after the date: a short date may end with one («30 сент. 2026 г.»). */
      overdue: 'Time to review this map: it was due {{date}}',
      due: 'This map is due for review by {{date}}',
      open: 'Map properties',
      dismiss: 'Dismiss',
      label: 'Review reminder',
    },
  },
  ru: {
    every: 'Пересматривать каждые, мес.',
    everyHint: 'По умолчанию {{count}}; 0 — без регулярного пересмотра',
    badEvery: 'Укажите целое число месяцев от 0 до {{max}}.',
    next: 'Следующий пересмотр',
    clearNext: 'Очистить дату следующего пересмотра',
    nextNone: 'не запланирован',
    approvedNext: 'следующий пересмотр {{date}}',
    state: {
      due: 'Пересмотр до {{date}}',
      overdue: 'Пересмотр просрочен с {{date}}',
    },
    filterDue_one: 'Пора пересмотреть ({{count}})',
    filterDue_few: 'Пора пересмотреть ({{count}})',
    filterDue_many: 'Пора пересмотреть ({{count}})',
    filterDue_other: 'Пора пересмотреть ({{count}})',
    filterDueLabel: 'Показать только карты, которые пора пересмотреть или пересмотр которых просрочен',
    dueListLabel: 'Карты, которые пора пересмотреть, сначала просроченные',
    allMaps: 'Все карты',
    noneDue: 'Нет карт, которые пора пересмотреть.',
    notice: {
      overdue: 'Пора пересмотреть карту: срок был {{date}}',
      due: 'Скоро пересмотр карты: срок {{date}}',
      open: 'Свойства карты',
      dismiss: 'Скрыть',
      label: 'Напоминание о пересмотре',
    },
  },
};
