/** Interface texts while PNG tiles are made (progress, stop), English and Russian (wired into i18n/en.ts and ru.ts as `pngTilesRun`). */
export const pngTilesRunText = {
  en: {
    drawing: 'Drawing the map…',
    progress: 'Tile {{done, number}} of {{total, number}}',
    packing: 'Packing the ZIP…',
    stop: 'Stop',
    stopped: 'Export stopped: no file was saved.',
  },
  ru: {
    drawing: 'Готовим картинку карты…',
    progress: 'Часть {{done, number}} из {{total, number}}',
    packing: 'Упаковываем ZIP…',
    stop: 'Остановить',
    stopped: 'Экспорт остановлен, файл не сохранён.',
  },
};
