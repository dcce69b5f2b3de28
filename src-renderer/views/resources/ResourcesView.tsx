/** Placeholder: the resources view is being built (issue 10). */
export function ResourcesView() {
  return null;
}
