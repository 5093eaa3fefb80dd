import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { AttachmentImage } from './attachment-image';

/** A stable, readable colour per person (caret and presence dot). */
export function colourFor(key: string): string {
  let h = 0;
  for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  // Dark enough for white label text on every hue (WCAG AA contrast).
  return `hsl(${h % 360} 65% 26%)`;
}

/**
 * The editor schema: StarterKit (the contract's nodes and marks, link and underline included),
 * images and tables, so that nothing the server's schema holds is dropped when a document
 * passes through this editor. Undo/redo is Yjs's own (StarterKit's history is off).
 */
export function playbookExtensions(doc: Y.Doc, provider: WebsocketProvider, user: { id: string; name: string }) {
  return [
    StarterKit.configure({ undoRedo: false, link: { openOnClick: false, autolink: true } }),
    AttachmentImage.configure({ inline: false, allowBase64: false }),
    TableKit.configure({ table: { resizable: false } }),
    Collaboration.configure({ document: doc, field: 'content' }),
    CollaborationCaret.configure({
      provider,
      user: { id: user.id, name: user.name, color: colourFor(user.id) },
      // The server replaces `user` with the signed-in account's {id, name}; colour comes from the id.
      render: (u) => {
        const caret = document.createElement('span');
        const colour = colourFor(String(u.id ?? u.name ?? ''));
        caret.className = 'collab-caret';
        caret.style.borderColor = colour;
        const label = document.createElement('span');
        label.className = 'collab-caret-label';
        label.style.backgroundColor = colour;
        label.textContent = String(u.name ?? '');
        caret.append(label);
        return caret;
      },
      selectionRender: (u) => ({
        nodeName: 'span',
        class: 'collab-selection',
        style: `background-color: ${colourFor(String(u.id ?? u.name ?? ''))}33`,
      }),
    }),
  ];
}
