/** Interface texts about the fonts of the exports (wired into i18n/en.ts and ru.ts as `exportFonts`). */
export const exportFontsText = {
  en: {
    missing_one: 'One letter could not be drawn (no font on this computer has it) and shows as an empty box: {{letters}}. Install a font that has it and export again.',
    missing_other: '{{count, number}} letters could not be drawn (no font on this computer has them) and show as empty boxes: {{letters}}. Install a font that has them and export again.',
  },
  ru: {
    missing_one: '{{count, number}} знак не нарисован (его нет ни в одном шрифте этого компьютера) и показан пустым прямоугольником: {{letters}}. Установите шрифт с ним и повторите экспорт.',
    missing_few: '{{count, number}} знака не нарисованы (их нет ни в одном шрифте этого компьютера) и показаны пустыми прямоугольниками: {{letters}}. Установите шрифт с ними и повторите экспорт.',
    missing_many: '{{count, number}} знаков не нарисованы (их нет ни в одном шрифте этого компьютера) и показаны пустыми прямоугольниками: {{letters}}. Установите шрифт с ними и повторите экспорт.',
    missing_other: '{{count, number}} знака не нарисованы (их нет ни в одном шрифте этого компьютера) и показаны пустыми прямоугольниками: {{letters}}. Установите шрифт с ними и повторите экспорт.',
  },
};
