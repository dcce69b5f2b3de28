/** A small picture of a map, drawn by the export renderer (no font embedded), for cards and choices. */
import { useEffect, useMemo } from 'react';
import { renderMapSvg } from '../../shared/export/svg';
import type { MapDoc } from '../../shared/model/types';
import { useLanguage } from '../i18n';
import { drawingOptions } from '../export/localized';

export function MapPicture({ doc }: { doc: MapDoc }) {
  // the words in the picture ("No phase", durations) follow the interface's language
  const language = useLanguage();
  const url = useMemo(
    () => URL.createObjectURL(new Blob([renderMapSvg(doc, drawingOptions()).svg], { type: 'image/svg+xml' })),
    [doc, language], // eslint-disable-line react-hooks/exhaustive-deps
  );
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return <img src={url} alt="" />;
}
