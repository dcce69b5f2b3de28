/** The bundled Inter faces as @font-face rules with inlined data, for self-contained SVG exports. */
import latin400 from '@fontsource/inter/files/inter-latin-400-normal.woff2?url';
import latinExt400 from '@fontsource/inter/files/inter-latin-ext-400-normal.woff2?url';
import cyrillic400 from '@fontsource/inter/files/inter-cyrillic-400-normal.woff2?url';
import cyrillicExt400 from '@fontsource/inter/files/inter-cyrillic-ext-400-normal.woff2?url';
import latin600 from '@fontsource/inter/files/inter-latin-600-normal.woff2?url';
import latinExt600 from '@fontsource/inter/files/inter-latin-ext-600-normal.woff2?url';
import cyrillic600 from '@fontsource/inter/files/inter-cyrillic-600-normal.woff2?url';
import cyrillicExt600 from '@fontsource/inter/files/inter-cyrillic-ext-600-normal.woff2?url';
import { fontFaceCss, fontFaces } from '../../shared/export/fontFaces';
import { toBase64 } from './base64';

const URLS: Record<string, string> = {
  'inter-latin-400-normal': latin400,
  'inter-latin-ext-400-normal': latinExt400,
  'inter-cyrillic-400-normal': cyrillic400,
  'inter-cyrillic-ext-400-normal': cyrillicExt400,
  'inter-latin-600-normal': latin600,
  'inter-latin-ext-600-normal': latinExt600,
  'inter-cyrillic-600-normal': cyrillic600,
  'inter-cyrillic-ext-600-normal': cyrillicExt600,
};

let cached: Promise<string> | null = null;

export function exportFontCss(): Promise<string> {
  cached ??= Promise.all(
    fontFaces().map(async (face) => {
      const res = await fetch(URLS[face.name]!);
      return { face, base64: toBase64(await res.arrayBuffer()) };
    }),
  ).then(fontFaceCss);
  return cached;
}
