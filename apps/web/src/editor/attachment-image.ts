import Image from '@tiptap/extension-image';
import { attachmentIdOf, signedUrl } from '../components/attachments/links';

/**
 * Images in a playbook point at its attachments (`/api/attachments/:id`), which need the reader's
 * authentication. The document keeps that stable address; this node view shows each image
 * through a short-lived signed link fetched for the reader, renewed when the node re-renders.
 */
export const AttachmentImage = Image.extend({
  addNodeView() {
    return ({ node }) => {
      const img = document.createElement('img');
      img.className = 'pb-image';
      let current = '';
      const show = (src: string, alt: string | null, title: string | null) => {
        img.alt = alt ?? '';
        if (title) img.title = title;
        else img.removeAttribute('title');
        if (src === current) return;
        current = src;
        const id = attachmentIdOf(src);
        if (!id) {
          // Not an attachment: the server's schema check refuses such a src, so show nothing.
          img.removeAttribute('src');
          return;
        }
        void signedUrl(id)
          .then((url) => {
            if (current === src) img.src = url;
          })
          .catch(() => img.removeAttribute('src'));
      };
      show(String(node.attrs.src ?? ''), node.attrs.alt as string | null, node.attrs.title as string | null);
      return {
        dom: img,
        update: (next) => {
          if (next.type !== node.type) return false;
          show(String(next.attrs.src ?? ''), next.attrs.alt as string | null, next.attrs.title as string | null);
          return true;
        },
      };
    };
  },
});
