/** The process document (регламент) as a file: written by the backend (src-main/export/docx.ts, documentPdf.ts) from the map as it is on screen. */
import type { ExportLang } from '../../../shared/export/words';
import type { MapDoc } from '../../../shared/model/types';
import { api } from '../../api';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The process document's file: a Word file to edit, or a PDF to print and send. */
export type DocumentFormat = 'docx' | 'pdf';

export async function processDocumentBlob(doc: MapDoc, lang: ExportLang, format: DocumentFormat = 'docx'): Promise<Blob> {
  const { content } = await api[format === 'pdf' ? 'document:pdf' : 'document:docx']({ doc, lang });
  return new Blob([fromBase64(content)], { type: format === 'pdf' ? 'application/pdf' : DOCX_TYPE });
}
