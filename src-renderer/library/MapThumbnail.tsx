/** A small picture of a map for its library card, drawn by the export renderer (no font embedded). */
import { useEffect, useState } from 'react';
import { renderMapSvg } from '../../shared/export/svg';
import { api } from '../api';

export function MapThumbnail({ id, updatedAt }: { id: string; updatedAt: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let made: string | null = null;
    api['maps:get']({ id }).then(
      (doc) => {
        // a top-to-bottom map would need a layout to be drawn; its card shows no picture
        if (!live || Object.keys(doc.steps).length === 0 || doc.direction === 'down') return;
        made = URL.createObjectURL(new Blob([renderMapSvg(doc).svg], { type: 'image/svg+xml' }));
        setUrl(made);
      },
      () => undefined,
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [id, updatedAt]);
  return <div className="map-thumb">{url ? <img src={url} alt="" /> : null}</div>;
}
