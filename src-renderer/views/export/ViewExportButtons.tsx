/** Placeholder (issue 10): CSV and XLSX export buttons for a view's header; built by its owner. */
import type { MapView } from '../views';

export function ViewExportButtons(_props: { view: Exclude<MapView, 'map'> }) {
  return null;
}
