/**
 * The renderer's Content Security Policy, sent by Electron and by the HTTP bridge. Styles
 * allow 'unsafe-inline' because React Flow positions nodes with inline style attributes;
 * scripts never run inline. Frames show only the app's own blobs (the PDF to print).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  // the browser build prints a PDF the app made through its own viewer in a hidden frame
  "frame-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
