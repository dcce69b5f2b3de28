/** The process document (регламент) as a file: written by the backend (src-main/export/docx.ts) from the map as it is on screen. */
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

export async function processDocumentBlob(doc: MapDoc, lang: ExportLang): Promise<Blob> {
  const { content } = await api['document:docx']({ doc, lang });
  return new Blob([fromBase64(content)], { type: DOCX_TYPE });
}
