/**
 * The interface in Russian and English (i18next + react-i18next).
 *
 * - Texts live in en.ts and ru.ts, one section per area; `t('area.key', { ... })`.
 * - Components: `const t = useT();` re-renders them when the language changes.
 *   Code outside React (notices from actions, the editor store): `t` from this module.
 * - Dates and numbers: `formatDate`, `formatNumber`, `formatPercent`, `formatDuration`, all
 *   with the current language, so "changed 3 Mar 2026" becomes «изменена 3 мар. 2026 г.».
 * - The language is the OS's (navigator.language: ru* → Russian, else English) until the user
 *   picks one in Settings (kept in the library file, see settings/settingsStore.ts).
 */
import i18next, { type TFunction } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { LanguageSetting } from '../../shared/contract';
import type { Duration } from '../../shared/model/types';
import { en } from './en';
import { ru } from './ru';

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The shape of a locale file: nested sections of strings. */
export type Messages = { [key: string]: string | Messages };
en satisfies Messages;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // keys are checked against the English file; ru.ts must have the same (unit test)
    resources: { translation: typeof en };
  }
}

/** The operating system's language as far as the interface goes: Russian for ru*, else English. */
export function systemLanguage(tag: string | undefined = typeof navigator !== 'undefined' ? navigator.language : undefined): Language {
  return /^ru(?:[-_]|$)/i.test(tag ?? '') ? 'ru' : 'en';
}

export function resolveLanguage(setting: LanguageSetting): Language {
  return setting === 'auto' ? systemLanguage() : setting;
}

// outside a browser (unit tests of the editor store) the interface is English, whatever the machine's locale
const inBrowser = typeof document !== 'undefined';

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, ru: { translation: ru } },
  lng: inBrowser ? systemLanguage() : 'en',
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  // resources are bundled: ready at once, no suspense
  initAsync: false,
  // React escapes what it renders
  interpolation: { escapeValue: false },
  returnEmptyString: false,
  react: { useSuspense: false },
});

function setDocumentLanguage(lng: string) {
  if (inBrowser) document.documentElement.lang = lng;
}
setDocumentLanguage(i18n.language);
i18n.on('languageChanged', setDocumentLanguage);

/** The current interface language. */
export function currentLanguage(): Language {
  return i18n.language === 'ru' ? 'ru' : 'en';
}

/** Switches the interface at once (every `useT` component re-renders) and sets <html lang>. */
export async function applyLanguage(setting: LanguageSetting): Promise<void> {
  const lng = resolveLanguage(setting);
  if (i18n.language !== lng) await i18n.changeLanguage(lng);
}

/** `t` for code outside components; it reads the current language on every call. */
export const t: TFunction = i18n.t.bind(i18n);

/** `t` for components: they re-render when the language changes. */
export function useT(): TFunction {
  return useTranslation(undefined, { i18n }).t;
}

/** The language for components that format dates or numbers (re-renders on a change). */
export function useLanguage(): Language {
  useTranslation(undefined, { i18n });
  return currentLanguage();
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let f = cache.get(key) as F | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}

/** A stored ISO date for people; a damaged one shows as a dash rather than breaking the page. */
export function formatDate(iso: string, style: 'dateTime' | 'date' = 'dateTime'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const lng = currentLanguage();
  const options: Intl.DateTimeFormatOptions = style === 'date' ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' };
  return cached(`d:${lng}:${style}`, () => new Intl.DateTimeFormat(lng, options)).format(d);
}

export function formatNumber(n: number, maximumFractionDigits = 2): string {
  const lng = currentLanguage();
  return cached(`n:${lng}:${maximumFractionDigits}`, () => new Intl.NumberFormat(lng, { maximumFractionDigits })).format(n);
}

/** 0.42 → "42%" / «42 %». */
export function formatPercent(fraction: number): string {
  const lng = currentLanguage();
  return cached(`p:${lng}`, () => new Intl.NumberFormat(lng, { style: 'percent', maximumFractionDigits: 0 })).format(fraction);
}

/** A step's duration as the canvas and exports show it: "1.5 h" / «1,5 ч». */
export function formatDuration(d: Duration): string {
  return `${formatNumber(d.value)} ${t(`common.unitShort.${d.unit}`)}`;
}
