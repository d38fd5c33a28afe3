import { useLayoutEffect, useRef, useState } from 'react';

/** Whether `text` fits on one line in a box like `el` (same classes, same width), measured with a hidden copy. */
function textFits(el: HTMLElement, text: string): boolean {
  const probe = el.cloneNode(false) as HTMLElement;
  probe.removeAttribute('data-testid');
  probe.setAttribute('aria-hidden', 'true');
  probe.textContent = text;
  Object.assign(probe.style, {
    position: 'absolute',
    visibility: 'hidden',
    boxSizing: 'border-box',
    width: `${el.getBoundingClientRect().width}px`,
  });
  el.parentElement!.appendChild(probe);
  const fits = probe.scrollWidth <= probe.clientWidth;
  probe.remove();
  return fits;
}

/**
 * Whether the full text fits its box, measured again whenever the box resizes, so a tile shows
 * "$524,360.34" when there is room and its short form only when there is not.
 */
export function useFits<T extends HTMLElement>(full: string): { ref: React.RefObject<T | null>; fits: boolean } {
  const ref = useRef<T | null>(null);
  const [fits, setFits] = useState(true);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el?.parentElement) return;
    const measure = () => setFits(textFits(el, full));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [full]);
  return { ref, fits };
}
