/**
 * An accessible popup menu (role="menu"), with submenus: used by the canvas's context menus and
 * the toolbar's Arrange button. Keys: Up/Down/Home/End and type-to-select move, Enter/Space run,
 * Right opens a submenu, Left or Escape closes it, Escape closes the menu (and the host gives the
 * focus back), Tab closes it. Kept inside the window: it opens to the left / upwards near an edge.
 */
import { ChevronRight, Check } from 'lucide-react';
import { Fragment, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import './contextMenu.css';

export interface MenuEntry {
  id: string;
  label: string;
  /** Shown at the right (Ctrl+C, ⌘C…). */
  shortcut?: string;
  disabled?: boolean;
  /** Why it is disabled (its tooltip). */
  why?: string;
  kind?: 'checkbox' | 'radio';
  checked?: boolean;
  danger?: boolean;
  /** A colour shown in front of the label. */
  swatch?: string;
  /** Text the user wrote (a lane's name…): not translated. */
  data?: boolean;
  /** A line above this item. */
  separator?: boolean;
  run?(): void;
  submenu?: MenuEntry[];
}

/** A point (a right-click) or a box (the item or button the menu belongs to). */
export type Anchor = { x: number; y: number } | { rect: DOMRect; side: 'right' | 'below' };

const EDGE = 4;

/** Where a menu of `size` goes near `anchor`, kept inside the window. */
export function placeMenu(anchor: Anchor, size: { width: number; height: number }, win = { width: window.innerWidth, height: window.innerHeight }) {
  let left: number;
  let top: number;
  if ('rect' in anchor) {
    const r = anchor.rect;
    if (anchor.side === 'right') {
      left = r.right - 2;
      if (left + size.width > win.width - EDGE) left = r.left - size.width + 2;
      top = r.top - 5;
    } else {
      left = r.left;
      if (left + size.width > win.width - EDGE) left = r.right - size.width;
      top = r.bottom + 2;
      if (top + size.height > win.height - EDGE) top = r.top - size.height - 2;
    }
  } else {
    left = anchor.x;
    top = anchor.y;
    if (left + size.width > win.width - EDGE) left = anchor.x - size.width;
    if (top + size.height > win.height - EDGE) top = anchor.y - size.height;
  }
  left = Math.max(EDGE, Math.min(left, win.width - size.width - EDGE));
  top = Math.max(EDGE, Math.min(top, win.height - size.height - EDGE));
  return { left, top };
}

interface ListProps {
  items: MenuEntry[];
  label: string;
  anchor: Anchor;
  /** Focus the first item at once (opened from the keyboard, or a root menu). */
  autoFocus: boolean;
  level: number;
  /** The whole menu is done: `restore` gives the focus back to where it was (Escape). */
  onDone(restore: boolean): void;
  /** Closes this submenu (Left, Escape). */
  onBack?(): void;
  className?: string;
}

const enabled = (e: MenuEntry) => !e.disabled;

function MenuList({ items, label, anchor, autoFocus, level, onDone, onBack, className }: ListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const itemRefs = useRef<(HTMLDivElement | null)[]>([]);
  const [active, setActive] = useState(-1);
  const [sub, setSub] = useState<{ index: number; focus: boolean } | null>(null);
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);
  const typed = useRef({ text: '', at: 0 });

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setPos(placeMenu(anchor, { width: el.offsetWidth, height: el.offsetHeight }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items.length]);

  // once placed (a hidden element takes no focus): the first item from the keyboard; a root menu
  // opened with the mouse takes the focus itself, so its keys work at once
  const placed = pos !== null;
  useLayoutEffect(() => {
    if (!placed) return;
    if (autoFocus) {
      const first = items.findIndex(enabled);
      focusItem(first >= 0 ? first : 0);
    } else if (level === 0) ref.current?.focus({ preventScroll: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [placed]);

  function focusItem(i: number) {
    if (i < 0 || i >= items.length) return;
    setActive(i);
    itemRefs.current[i]?.focus({ preventScroll: true });
  }

  function activate(i: number, fromKeyboard: boolean) {
    const item = items[i];
    if (!item || item.disabled) return;
    if (item.submenu) {
      setSub({ index: i, focus: fromKeyboard });
      if (!fromKeyboard) focusItem(i);
      return;
    }
    onDone(true);
    item.run?.();
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    // keys inside a submenu are its own (React bubbles them through the portal's parents)
    if (e.target instanceof Node && !ref.current?.contains(e.target)) return;
    if (sub && e.target instanceof Node && !itemRefs.current.includes(e.target as HTMLDivElement)) return;
    const n = items.length;
    const handled = () => {
      e.preventDefault();
      e.stopPropagation();
    };
    const current = active < 0 ? -1 : active;
    switch (e.key) {
      case 'ArrowDown':
        handled();
        focusItem((current + 1) % n);
        return;
      case 'ArrowUp':
        handled();
        focusItem(current <= 0 ? n - 1 : current - 1);
        return;
      case 'Home':
      case 'PageUp':
        handled();
        focusItem(0);
        return;
      case 'End':
      case 'PageDown':
        handled();
        focusItem(n - 1);
        return;
      case 'ArrowRight':
        handled();
        if (items[current]?.submenu && !items[current].disabled) setSub({ index: current, focus: true });
        return;
      case 'ArrowLeft':
        handled();
        onBack?.();
        return;
      case 'Escape':
        handled();
        if (onBack) onBack();
        else onDone(true);
        return;
      case 'Tab':
        handled();
        onDone(true);
        return;
      case 'Enter':
      case ' ':
        handled();
        if (current >= 0) activate(current, true);
        return;
    }
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      handled();
      // type to select: the next item starting with what was typed (a pause starts over)
      const now = e.timeStamp;
      typed.current = { text: now - typed.current.at < 700 ? typed.current.text + e.key : e.key, at: now };
      const text = typed.current.text.toLocaleLowerCase();
      const from = typed.current.text.length > 1 ? current : current + 1;
      for (let k = 0; k < n; k++) {
        const i = (Math.max(0, from) + k) % n;
        if (items[i]!.label.toLocaleLowerCase().startsWith(text)) {
          focusItem(i);
          break;
        }
      }
      return;
    }
    // every other key is the menu's while it is open (no nudging or deleting behind it)
    e.stopPropagation();
  }

  const subItem = sub ? items[sub.index] : undefined;
  return (
    <>
      <div
        ref={ref}
        role="menu"
        aria-label={label}
        aria-orientation="vertical"
        data-own-keys
        data-menu-level={level}
        tabIndex={-1}
        className={`context-menu${className ? ` ${className}` : ''}`}
        style={pos ? { left: pos.left, top: pos.top } : { left: 0, top: 0, visibility: 'hidden' }}
        onKeyDown={onKeyDown}
        onContextMenu={(e) => e.preventDefault()}
      >
        {items.map((item, i) => {
          const role = item.kind === 'checkbox' ? 'menuitemcheckbox' : item.kind === 'radio' ? 'menuitemradio' : 'menuitem';
          return (
            <Fragment key={item.id}>
              {item.separator && i > 0 && <div role="separator" className="context-menu-separator" />}
              <div
                ref={(el) => {
                  itemRefs.current[i] = el;
                }}
                role={role}
                tabIndex={i === Math.max(0, active) ? 0 : -1}
                aria-disabled={item.disabled || undefined}
                aria-checked={item.kind ? !!item.checked : undefined}
                aria-haspopup={item.submenu ? 'menu' : undefined}
                aria-expanded={item.submenu ? sub?.index === i : undefined}
                aria-keyshortcuts={item.shortcut ? item.shortcut.replace(/⌘/g, 'Meta+') : undefined}
                data-item={item.id}
                title={item.disabled ? item.why : undefined}
                className={`context-menu-item${item.danger ? ' is-danger' : ''}${i === active ? ' is-active' : ''}`}
                onMouseEnter={() => {
                  focusItem(i);
                  if (item.submenu && !item.disabled) setSub({ index: i, focus: false });
                  else setSub(null);
                }}
                onClick={() => activate(i, false)}
              >
                <span className="context-menu-check" aria-hidden>
                  {item.kind && item.checked ? (
                    <Check size={14} />
                  ) : item.swatch ? (
                    <span className="context-menu-swatch" style={{ background: item.swatch }} />
                  ) : null}
                </span>
                <span className="context-menu-label" translate={item.data ? 'no' : undefined}>
                  {item.label}
                </span>
                {item.shortcut && <kbd className="context-menu-shortcut">{item.shortcut}</kbd>}
                {item.submenu && <ChevronRight className="context-menu-chevron" size={14} aria-hidden />}
              </div>
            </Fragment>
          );
        })}
      </div>
      {sub && subItem?.submenu && itemRefs.current[sub.index] && (
        <MenuList
          key={subItem.id}
          items={subItem.submenu}
          label={subItem.label}
          anchor={{ rect: itemRefs.current[sub.index]!.getBoundingClientRect(), side: 'right' }}
          autoFocus={sub.focus}
          level={level + 1}
          onDone={onDone}
          onBack={() => {
            const i = sub.index;
            setSub(null);
            focusItem(i);
          }}
        />
      )}
    </>
  );
}

/** A menu drawn over everything (a portal into the body). */
export function PopupMenu(props: Omit<ListProps, 'level' | 'autoFocus'> & { autoFocus?: boolean }) {
  return createPortal(<MenuList {...props} autoFocus={props.autoFocus ?? true} level={0} />, document.body);
}
