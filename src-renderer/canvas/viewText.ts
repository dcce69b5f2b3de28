/** Interface texts of the canvas's view (minimap toggle, side panels' frame), English and Russian (wired into i18n/en.ts and ru.ts as `viewUi`). */
export const viewText = {
  en: {
    hideMiniMap: 'Hide the mini map',
    showMiniMap: 'Show the mini map',
    resizeLanes: 'Width of the lanes panel',
    resizeSide: 'Width of the details panel',
    collapseLanes: 'Hide the lanes panel',
    collapseSide: 'Hide the details panel',
    resizeHint: 'Drag, or use the arrow keys, to resize',
    resizeKeys: '← / → on a panel edge',
    resizeShortcut: 'Make a side panel wider or narrower (Shift: by 64 px)',
  },
  ru: {
    hideMiniMap: 'Скрыть мини-карту',
    showMiniMap: 'Показать мини-карту',
    resizeLanes: 'Ширина панели дорожек',
    resizeSide: 'Ширина панели свойств',
    collapseLanes: 'Скрыть панель дорожек',
    collapseSide: 'Скрыть панель свойств',
    resizeHint: 'Перетащите или нажимайте стрелки, чтобы изменить ширину',
    resizeKeys: '← / → на краю панели',
    resizeShortcut: 'Изменить ширину боковой панели (с Shift — по 64 пикселя)',
  },
};
