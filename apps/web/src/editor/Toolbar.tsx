import type { Editor } from '@tiptap/react';
import type { ReactNode } from 'react';
import { useEditorState } from '@tiptap/react';
import { useI18n, type Translate } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

interface Tool {
  key: MessageKey;
  label: ReactNode;
  run(e: Editor, t: Translate): void;
  active?(e: Editor): boolean;
  /** Node or mark names the server schema must have for this tool. */
  needs?: string[];
}

const TOOLS: Tool[] = [
  { key: 'pb.bold', label: 'B', run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive('bold') },
  { key: 'pb.italic', label: 'I', run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive('italic') },
  {
    key: 'pb.underline',
    label: 'U',
    run: (e) => e.chain().focus().toggleUnderline().run(),
    active: (e) => e.isActive('underline'),
    needs: ['underline'],
  },
  {
    key: 'pb.strike',
    label: 'S',
    run: (e) => e.chain().focus().toggleStrike().run(),
    active: (e) => e.isActive('strike'),
    needs: ['strike'],
  },
  { key: 'pb.code', label: '</>', run: (e) => e.chain().focus().toggleCode().run(), active: (e) => e.isActive('code') },
  {
    key: 'pb.h2',
    label: 'H2',
    run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
    active: (e) => e.isActive('heading', { level: 2 }),
  },
  {
    key: 'pb.h3',
    label: 'H3',
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
    active: (e) => e.isActive('heading', { level: 3 }),
  },
  { key: 'pb.bullet', label: '•', run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive('bulletList') },
  { key: 'pb.ordered', label: '1.', run: (e) => e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive('orderedList') },
  { key: 'pb.quote', label: '❝', run: (e) => e.chain().focus().toggleBlockquote().run(), active: (e) => e.isActive('blockquote') },
  { key: 'pb.codeBlock', label: '{ }', run: (e) => e.chain().focus().toggleCodeBlock().run(), active: (e) => e.isActive('codeBlock') },
  { key: 'pb.rule', label: '―', run: (e) => e.chain().focus().setHorizontalRule().run(), needs: ['horizontalRule'] },
  {
    key: 'pb.link',
    label: (
      <svg viewBox="0 0 24 24" width="18" height="18">
        <path
          fill="currentColor"
          d="M10.6 13.4a1 1 0 0 0 1.4 0l3.5-3.5a3 3 0 1 0-4.2-4.2L9.9 7.1a1 1 0 1 0 1.4 1.4l1.4-1.4a1 1 0 1 1 1.4 1.4L10.6 12a1 1 0 0 0 0 1.4Zm2.8-2.8a1 1 0 0 0-1.4 0l-3.5 3.5a3 3 0 1 0 4.2 4.2l1.4-1.4a1 1 0 1 0-1.4-1.4l-1.4 1.4a1 1 0 1 1-1.4-1.4l3.5-3.5a1 1 0 0 0 0-1.4Z"
        />
      </svg>
    ),
    run: (e, t) => {
      const href = window.prompt(t('pb.linkPrompt'), e.getAttributes('link').href ?? '');
      if (href === null) return;
      if (!href.trim()) e.chain().focus().unsetLink().run();
      else e.chain().focus().setLink({ href: href.trim() }).run();
    },
    active: (e) => e.isActive('link'),
    needs: ['link'],
  },
  {
    key: 'pb.table',
    label: '▦',
    run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
    needs: ['table', 'tableRow', 'tableCell'],
  },
  { key: 'pb.undo', label: '↶', run: (e) => e.chain().focus().undo().run() },
  { key: 'pb.redo', label: '↷', run: (e) => e.chain().focus().redo().run() },
];

/** The button's name: its word, plus the visible label when that is readable (H2, 1.). */
function spoken(word: string, label: ReactNode): string {
  return typeof label === 'string' && label.length > 1 && /[a-z0-9]/i.test(label) ? `${word} ${label}` : word;
}

/** Formatting buttons; tools whose nodes the server's schema lacks are not offered. */
export function Toolbar({ editor, serverNames }: { editor: Editor; serverNames: Set<string> | null }) {
  const { t } = useI18n();
  const state = useEditorState({ editor, selector: ({ editor: e }) => TOOLS.map((tool) => tool.active?.(e) ?? false) });
  const offered = TOOLS.filter(
    (tool) => !tool.needs || (serverNames ? tool.needs.every((n) => serverNames.has(n)) : tool.key !== 'pb.table'),
  );
  return (
    <div role="toolbar" aria-label={t('pb.toolbar')} className="toolbar">
      {offered.map((tool) => {
        const active = state[TOOLS.indexOf(tool)];
        return (
          <button
            key={tool.key}
            type="button"
            className="tool"
            aria-label={spoken(t(tool.key), tool.label)}
            title={t(tool.key)}
            aria-pressed={tool.active ? active : undefined}
            onMouseDown={(ev) => ev.preventDefault()}
            onClick={() => tool.run(editor, t)}
          >
            <span aria-hidden="true">{tool.label}</span>
          </button>
        );
      })}
    </div>
  );
}
