/** Interface texts of the landscape template's choice in "New map" (wired into i18n/en.ts and ru.ts as `landscapeLinks`). */
export const landscapeText = {
  en: {
    legend: 'The library already has maps of these processes',
    found_one: '{{count, number}} detailed process of this landscape already has a map: {{titles}}.',
    found_other: '{{count, number}} detailed processes of this landscape already have maps: {{titles}}.',
    link: 'Link existing maps',
    linkHint: 'The landscape’s steps open the maps you already have; only the missing ones are made.',
    copy: 'Make new copies',
    copyHint: 'New maps are made from the templates, titled “… (2)”.',
  },
  ru: {
    legend: 'В библиотеке уже есть карты этих процессов',
    found_one: 'Для {{count, number}} подробного процесса этого ландшафта уже есть карта: {{titles}}.',
    found_few: 'Для {{count, number}} подробных процессов этого ландшафта уже есть карты: {{titles}}.',
    found_many: 'Для {{count, number}} подробных процессов этого ландшафта уже есть карты: {{titles}}.',
    found_other: 'Для {{count, number}} подробного процесса этого ландшафта уже есть карты: {{titles}}.',
    link: 'Связать с готовыми картами',
    linkHint: 'Шаги ландшафта откроют уже созданные карты; создаются только недостающие.',
    copy: 'Создать новые копии',
    copyHint: 'Из шаблонов создаются новые карты с названиями «… (2)».',
  },
};
