/**
 * The faces of the bundled Inter (from @fontsource/inter) that exports embed: Latin and
 * Cyrillic with their extensions, regular and semibold. The app and the command line read the
 * files their own way and build the same @font-face rules here.
 */
/** Latin and Cyrillic (with their extensions), regular and semibold: what the map's text uses. */
export const FONT_SUBSETS = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext'] as const;
export const FONT_WEIGHTS = [400, 600] as const;

/** Each subset's unicode-range, as @fontsource/inter declares it (unicode.json). */
const UNICODE_RANGES: Record<(typeof FONT_SUBSETS)[number], string> = {
  latin:
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  'latin-ext':
    'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF',
  cyrillic: 'U+0301,U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116',
  'cyrillic-ext': 'U+0460-052F,U+1C80-1C8A,U+20B4,U+2DE0-2DFF,U+A640-A69F,U+FE2E-FE2F',
};

export interface FontFace {
  subset: (typeof FONT_SUBSETS)[number];
  weight: (typeof FONT_WEIGHTS)[number];
  /** File name without extension, e.g. `inter-cyrillic-600-normal`. */
  name: string;
  unicodeRange: string;
}

export function fontFaces(): FontFace[] {
  return FONT_WEIGHTS.flatMap((weight) =>
    FONT_SUBSETS.map((subset) => ({ subset, weight, name: `inter-${subset}-${weight}-normal`, unicodeRange: UNICODE_RANGES[subset] })),
  );
}

/** `@font-face` rules for family 'Inter', each face inlined as a woff2 data URL. */
export function fontFaceCss(faces: { face: FontFace; base64: string }[]): string {
  return faces
    .map(
      ({ face, base64 }) =>
        `@font-face{font-family:'Inter';font-style:normal;font-weight:${face.weight};src:url(data:font/woff2;base64,${base64}) format('woff2');unicode-range:${face.unicodeRange};}`,
    )
    .join('\n');
}
