import type { ReactNode } from 'react';

export interface PmNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: PmNode[];
}

function inline(n: PmNode, key: number): ReactNode {
  if (n.type === 'hardBreak') return <br key={key} />;
  if (n.type !== 'text') return <span key={key}>{(n.content ?? []).map(inline)}</span>;
  let out: ReactNode = n.text ?? '';
  for (const m of n.marks ?? []) {
    if (m.type === 'bold') out = <strong>{out}</strong>;
    else if (m.type === 'italic') out = <em>{out}</em>;
    else if (m.type === 'strike') out = <s>{out}</s>;
    else if (m.type === 'underline') out = <u>{out}</u>;
    else if (m.type === 'code') out = <code>{out}</code>;
    else if (m.type === 'link') out = <span className="pm-link">{out}</span>;
  }
  return <span key={key}>{out}</span>;
}

function block(n: PmNode, key: number): ReactNode {
  const kids = () => (n.content ?? []).map((c, i) => (c.type === 'text' || c.type === 'hardBreak' ? inline(c, i) : block(c, i)));
  switch (n.type) {
    case 'heading': {
      const level = Math.min(6, Math.max(2, Number(n.attrs?.level ?? 2) + 1));
      const H = `h${level}` as 'h3';
      return <H key={key}>{kids()}</H>;
    }
    case 'paragraph':
      return <p key={key}>{kids()}</p>;
    case 'blockquote':
      return <blockquote key={key}>{kids()}</blockquote>;
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{(n.content ?? []).map((c) => c.text ?? '').join('')}</code>
        </pre>
      );
    case 'bulletList':
      return <ul key={key}>{kids()}</ul>;
    case 'orderedList':
      return <ol key={key}>{kids()}</ol>;
    case 'listItem':
      return <li key={key}>{kids()}</li>;
    case 'horizontalRule':
      return <hr key={key} />;
    case 'table':
      return (
        <table key={key}>
          <tbody>{kids()}</tbody>
        </table>
      );
    case 'tableRow':
      return <tr key={key}>{kids()}</tr>;
    case 'tableHeader':
      return <th key={key}>{kids()}</th>;
    case 'tableCell':
      return <td key={key}>{kids()}</td>;
    case 'image':
      return <img key={key} src={String(n.attrs?.src ?? '')} alt={String(n.attrs?.alt ?? '')} />;
    default:
      return <div key={key}>{kids()}</div>;
  }
}

/** Renders ProseMirror JSON read-only with React (no HTML from the wire is injected). */
export function PmView({ doc }: { doc: PmNode }) {
  return <div className="prose pm-view">{(doc.content ?? []).map(block)}</div>;
}

/** The plain text of a block (for diff lines). */
export function textOf(n: unknown): string {
  if (typeof n === 'string') return n;
  if (!n || typeof n !== 'object') return '';
  const o = n as PmNode & { before?: unknown; after?: unknown; node?: unknown };
  if (o.text !== undefined) return o.text;
  if (o.node) return textOf(o.node);
  return (o.content ?? []).map(textOf).join(' ');
}
