/**
 * The process document (shared/document/build.ts) as a Word file, with the `docx` library: real
 * headings (Title, Heading 1, Heading 2: Word's navigation pane and table of contents see them),
 * tables whose header row repeats on every page, page numbers in the footer («Страница 3 из 12»),
 * the map's picture (fitted, or an overview and readable parts: documentMap.ts), portrait pages
 * for text and landscape pages for the map and the wide tables, and the file's title, author
 * (the owner) and subject (the purpose) set.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { buildProcessDocument, type Block, type DocTable, type ProcessDocument } from '../../shared/document/build';
import { DOCUMENT_WORDS } from '../../shared/document/words';
import type { ExportLang } from '../../shared/export/words';
import type { MapDoc } from '../../shared/model/types';
import { mapPictures, type MapPictures } from './documentMap';

/** A4 in twentieths of a point, and margins of 1.5 cm. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = 850;
const TWIPS_PER_PX = 15;
/** Room on a landscape page for a picture, in CSS pixels (margins, a caption and the heading taken off). */
export const LANDSCAPE_PICTURE = { width: Math.floor((A4.height - 2 * MARGIN) / TWIPS_PER_PX) - 4, height: Math.floor((A4.width - 2 * MARGIN) / TWIPS_PER_PX) - 110 };

const FONT = 'Calibri';
const HEADER_FILL = 'E8ECF2';
const GROUP_FILL = 'F4F6F9';
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'C9CFD8' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };

function lines(text: string, opts: { bold?: boolean; size?: number; color?: string } = {}, align?: (typeof AlignmentType)[keyof typeof AlignmentType]): Paragraph[] {
  const parts = text.split('\n');
  return parts.map(
    (line, i) =>
      new Paragraph({
        children: [new TextRun({ text: line, bold: opts.bold, size: opts.size, color: opts.color })],
        spacing: { after: i === parts.length - 1 ? 0 : 40 },
        ...(align ? { alignment: align } : {}),
      }),
  );
}

function tableOf(t: DocTable, widthTwips: number): Table {
  const total = t.columns.reduce((s, c) => s + c.weight, 0);
  const widths = t.columns.map((c) => Math.floor((c.weight / total) * widthTwips));
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      margins: { top: 50, bottom: 50, left: 80, right: 80 },
      ...(header ? { shading: { type: ShadingType.CLEAR, fill: HEADER_FILL, color: 'auto' } } : {}),
      children: lines(text, { bold: header, size: 18 }, t.numbered && i === 0 && !header ? AlignmentType.RIGHT : undefined),
    });
  const rows = [
    new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, i) => cell(c.header, i, true)) }),
    ...t.rows.map((row) =>
      Array.isArray(row)
        ? new TableRow({ children: t.columns.map((_, i) => cell(row[i] ?? '', i, false)) })
        : new TableRow({
            cantSplit: true,
            children: [
              new TableCell({
                columnSpan: t.columns.length,
                shading: { type: ShadingType.CLEAR, fill: GROUP_FILL, color: 'auto' },
                margins: { top: 50, bottom: 50, left: 80, right: 80 },
                children: lines(row.group, { bold: true, size: 19 }),
              }),
            ],
          }),
    ),
  ];
  return new Table({ rows, width: { size: widthTwips, type: WidthType.DXA }, columnWidths: widths, borders: BORDERS });
}

function factsOf(rows: [string, string][], widthTwips: number): Table {
  const label = Math.floor(widthTwips * 0.32);
  return new Table({
    width: { size: widthTwips, type: WidthType.DXA },
    columnWidths: [label, widthTwips - label],
    borders: BORDERS,
    rows: rows.map(
      ([k, v]) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({ width: { size: label, type: WidthType.DXA }, margins: { top: 60, bottom: 60, left: 100, right: 100 }, shading: { type: ShadingType.CLEAR, fill: HEADER_FILL, color: 'auto' }, children: lines(k, { bold: true, size: 20 }) }),
            new TableCell({ width: { size: widthTwips - label, type: WidthType.DXA }, margins: { top: 60, bottom: 60, left: 100, right: 100 }, children: lines(v, { size: 20 }) }),
          ],
        }),
    ),
  });
}

function image(p: { png: Buffer; width: number; height: number }): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new ImageRun({ type: 'png', data: p.png, transformation: { width: p.width, height: p.height } })],
  });
}

function caption(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, italics: true, size: 18, color: '5A6473' })], spacing: { before: 60, after: 120 } });
}

function blocksOf(blocks: Block[], widthTwips: number, pictures: MapPictures | null, words: (typeof DOCUMENT_WORDS)['en']): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(new Paragraph({ heading: b.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [new TextRun(b.text)], spacing: { before: 240, after: 120 }, keepNext: true }));
        break;
      case 'paragraph':
        out.push(new Paragraph({ children: [new TextRun({ text: b.text, color: b.muted ? '5A6473' : undefined, italics: b.muted })], spacing: { after: 120 } }));
        break;
      case 'facts':
        out.push(factsOf(b.rows, widthTwips), new Paragraph({ children: [] }));
        break;
      case 'table':
        out.push(tableOf(b.table, widthTwips), new Paragraph({ children: [] }));
        break;
      case 'map':
        if (!pictures) break;
        if (pictures.overview) {
          out.push(image(pictures.overview), caption(words.map.overview));
          for (const part of pictures.parts) out.push(new Paragraph({ pageBreakBefore: true, children: [] }), image(part), caption(part.caption ?? ''));
        } else out.push(...pictures.parts.map(image));
        break;
    }
  }
  return out;
}

/** The Word file of a built process document; `pictures`: the map's, from `mapPictures` (null: none). */
export async function writeDocx(pd: ProcessDocument, pictures: MapPictures | null): Promise<Buffer> {
  const words = DOCUMENT_WORDS[pd.lang];
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: pd.pageWords.split(/(\{page\}|\{pages\})/).map((part) =>
          part === '{page}'
            ? new TextRun({ children: [PageNumber.CURRENT], size: 18, color: '5A6473' })
            : part === '{pages}'
              ? new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 18, color: '5A6473' })
              : new TextRun({ text: part, size: 18, color: '5A6473' }),
        ),
      }),
    ],
  });
  const sections: ISectionOptions[] = pd.sections.map((s, i) => {
    const width = (s.landscape ? A4.height : A4.width) - 2 * MARGIN;
    const children = blocksOf(s.blocks, width, pictures, words);
    if (i === 0)
      children.unshift(
        new Paragraph({ children: [new TextRun({ text: pd.kind, size: 24, color: '5A6473' })], spacing: { after: 80 } }),
        new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(pd.title)], spacing: { after: 240 } }),
      );
    return {
      properties: {
        page: {
          size: { width: A4.width, height: A4.height, orientation: s.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
          margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
        },
      },
      footers: { default: footer },
      children,
    };
  });
  const document = new Document({
    title: pd.meta.title,
    creator: pd.meta.author || 'Lanemap',
    subject: pd.meta.subject,
    description: pd.kind,
    lastModifiedBy: 'Lanemap',
    styles: {
      default: {
        document: { run: { font: FONT, size: 21 } },
        title: { run: { font: FONT, size: 44, bold: true, color: '1C2430' } },
        heading1: { run: { font: FONT, size: 30, bold: true, color: '1C2430' } },
        heading2: { run: { font: FONT, size: 24, bold: true, color: '1C2430' } },
      },
    },
    sections,
  });
  return Packer.toBuffer(document);
}

/** The process document of `doc` in `lang` as a .docx file's bytes. */
export async function processDocumentDocx(doc: MapDoc, lang: ExportLang): Promise<Buffer> {
  const pd = buildProcessDocument(doc, lang);
  const pictures = pd.hasMap ? await mapPictures(doc, lang, LANDSCAPE_PICTURE, DOCUMENT_WORDS[lang].map.part) : null;
  return writeDocx(pd, pictures);
}
