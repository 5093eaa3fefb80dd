import { useEffect } from 'react';

/** Sets the document title (what a screen reader announces on navigation). */
export function useTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} · JIPPNas Kolaborasi`;
  }, [title]);
}
