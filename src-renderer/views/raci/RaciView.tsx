/** Placeholder: the raci view is being built (issue 10). */
export function RaciView() {
  return null;
}
