/** Placeholder: the sipoc view is being built (issue 10). */
export function SipocView() {
  return null;
}
