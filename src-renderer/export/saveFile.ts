/** Saves an exported file: the native save dialog in the desktop app, a download in the browser. */
import { api } from '../api';
import { toBase64 } from './base64';

/** Returns where it went (a path in the desktop app, the file name in the browser), or null if cancelled. */
export async function saveFile(blob: Blob, fileName: string): Promise<string | null> {
  if (window.lanemap) {
    const { path } = await api['file:save']({ fileName, content: toBase64(await blob.arrayBuffer()), encoding: 'base64' });
    return path;
  }
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return fileName;
}
