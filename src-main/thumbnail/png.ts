/** The library's thumbnails as PNG (8-bit RGB), written by pngjs (no native module; no text to draw). */
import { PNG } from 'pngjs';

/** `rgb`: width × height pixels, 3 bytes each, row by row from the top. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new Error(`A PNG cannot be ${width} × ${height} pixels.`);
  if (rgb.length !== width * height * 3) throw new Error('The pixels do not fill the picture.');
  const png = new PNG({ width, height, colorType: 2, inputColorType: 2, inputHasAlpha: false, bitDepth: 8 });
  png.data = Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength);
  return PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false, deflateLevel: 9 });
}
