/** The picture on a library card: the stored map, drawn again when it changes. */
import { useEffect, useState } from 'react';
import type { MapDoc } from '../../shared/model/types';
import { api } from '../api';
import { MapPicture } from './MapPicture';

export function MapThumbnail({ id, updatedAt }: { id: string; updatedAt: string }) {
  const [doc, setDoc] = useState<MapDoc | null>(null);
  useEffect(() => {
    let live = true;
    api['maps:get']({ id }).then(
      (d) => live && setDoc(d),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [id, updatedAt]);
  // a top-to-bottom map would need a layout to be drawn; its card shows no picture
  const drawable = doc && Object.keys(doc.steps).length > 0 && doc.direction !== 'down';
  return <div className="map-thumb">{drawable ? <MapPicture doc={doc} /> : null}</div>;
}
