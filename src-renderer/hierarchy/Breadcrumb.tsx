/**
 * Where this map sits: Library › the maps that open it through sub-process steps › this map.
 * The chain comes from the links themselves (maps:parents), so it is the same whether the map
 * was opened by drilling down or from the library.
 */
import { ChevronRight } from 'lucide-react';
import { useEffect, useState } from 'react';
import { libraryApi as api } from '../team/current';
import { useT } from '../i18n';
import { useEditor } from '../store/context';
import { useNavigation } from './navigation';

export function Breadcrumb() {
  const t = useT();
  const { openMap, trail } = useNavigation();
  const mapId = useEditor((s) => s.doc?.id);
  const title = useEditor((s) => s.doc?.title ?? '');
  const [parents, setParents] = useState<{ id: string; title: string }[]>([]);

  useEffect(() => {
    if (!mapId) return;
    let live = true;
    // a breadcrumb that cannot be read is left out, the map itself is what matters
    api['maps:parents']({ id: mapId }).then(
      (chain) => live && setParents(chain),
      () => live && setParents([]),
    );
    return () => {
      live = false;
    };
  }, [mapId]);

  // the way the user came down, or else the maps that link here
  const crumbs = trail.length > 0 ? trail : parents;
  if (crumbs.length === 0) return null;
  return (
    <nav className="breadcrumb" aria-label={t('hierarchy.breadcrumb')}>
      <ol>
        <li>
          <button className="link-button" onClick={() => openMap(null)}>
            {t('hierarchy.library')}
          </button>
        </li>
        {crumbs.map((p) => (
          <li key={p.id}>
            <ChevronRight size={14} aria-hidden />
            <button className="link-button" onClick={() => openMap(p.id, 'up')} translate="no" dir="auto">
              {p.title}
            </button>
          </li>
        ))}
        <li aria-current="page">
          <ChevronRight size={14} aria-hidden />
          <span translate="no" dir="auto">
            {title}
          </span>
        </li>
      </ol>
    </nav>
  );
}
