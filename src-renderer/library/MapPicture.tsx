/** A small picture of a map, drawn by the export renderer (no font embedded), for cards and choices. */
import { useEffect, useMemo } from 'react';
import { renderMapSvg } from '../../shared/export/svg';
import type { MapDoc } from '../../shared/model/types';

export function MapPicture({ doc }: { doc: MapDoc }) {
  const url = useMemo(() => URL.createObjectURL(new Blob([renderMapSvg(doc).svg], { type: 'image/svg+xml' })), [doc]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return <img src={url} alt="" />;
}
