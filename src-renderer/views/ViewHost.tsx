/** The view shown instead of the canvas (the canvas itself is the 'map' view). */
import type { MapView } from './views';
import { VersionBanner } from '../review/VersionBanner';
import { TableView } from './table/TableView';
import { RaciView } from './raci/RaciView';
import { SipocView } from './sipoc/SipocView';
import { ResourcesView } from './resources/ResourcesView';
import { SwotView } from './swot/SwotView';

export function ViewHost({ view }: { view: Exclude<MapView, 'map'> }) {
  return (
    <div className="map-view" id="map-view" role="tabpanel" aria-labelledby={`view-tab-${view}`}>
      <VersionBanner inline />
      {view === 'table' && <TableView />}
      {view === 'raci' && <RaciView />}
      {view === 'sipoc' && <SipocView />}
      {view === 'resources' && <ResourcesView />}
      {view === 'swot' && <SwotView />}
    </div>
  );
}
