/** Saves an exported file: the native save dialog in the desktop app, a download in the browser. */
import { api } from '../api';

function toBase64(bytes: ArrayBuffer): string {
  let binary = '';
  const view = new Uint8Array(bytes);
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

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
