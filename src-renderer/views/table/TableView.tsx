/** Placeholder: the table view is being built (issue 10). */
export function TableView() {
  return null;
}
