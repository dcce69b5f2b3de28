/**
 * The picture on a library card: the backend's small PNG of the map (`maps:thumbnail`), asked
 * for only once the card is on screen (thumbnailQueue.ts). Until it comes the card keeps an empty
 * frame of the same size (or the map's previous picture, after an edit), so nothing moves.
 */
import { useEffect, useRef, useState } from 'react';
import { keptThumbnail, watchThumbnail } from './thumbnailQueue';

export function MapThumbnail({ id, updatedAt }: { id: string; updatedAt: string }) {
  const frame = useRef<HTMLDivElement>(null);
  // the picture kept for this map, even of an older version, until the current one arrives
  const [url, setUrl] = useState(() => keptThumbnail(id, updatedAt, false));
  useEffect(() => {
    const current = keptThumbnail(id, updatedAt);
    if (current) {
      setUrl(current);
      return;
    }
    return watchThumbnail(frame.current!, id, updatedAt, setUrl);
  }, [id, updatedAt]);
  return (
    <div ref={frame} className="map-thumb">
      {url ? <img src={url} alt="" /> : null}
    </div>
  );
}
