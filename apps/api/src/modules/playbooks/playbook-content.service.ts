import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import * as Y from 'yjs';
import type { AuthUser } from '@app/auth';
import { APP_CONFIG, notFound } from '@app/common';
import type { AppConfig } from '@app/common';
import { attachmentsSql } from '../innovations';
import type { ExportedAttachment } from '../innovations';
import { CollabDocuments } from './collab/collab-documents.service';
import { PlaybookVersionsStore } from './collab/playbook-versions.store';
import { BlockDiff, diffBlocks } from './content/diff';
import { escapeHtml, htmlDocument, htmlOf } from './content/html';
import { markdownOf } from './content/markdown';
import { PmNode, toProseMirrorJson } from './content/prosemirror';
import { ATTACHMENT_SRC } from './content/schema';
import { PlaybookAccess } from './playbook-access.service';
import type { ExportFormat } from './playbooks.dto';

/** What every export says about itself. */
export interface ExportMeta {
  playbookId: string;
  title: string;
  replicationId: string | null;
  innovation: { id: string; title: string } | null;
  replicatingUnit: { id: string; name: string } | null;
  exportedAt: string;
  /** Set when a version (not the current content) is exported. */
  version?: { id: string; label: string; createdAt: string };
  /** The playbook's files as they are now (metadata only), each with its download `url`. */
  attachments: (ExportedAttachment & { url: string })[];
}

export interface RenderedExport {
  contentType: string;
  filename: string;
  body: unknown;
}

/** A file name readers recognise: the title as ASCII words, the date, the extension. */
export function exportFilename(title: string, at: string, ext: string, suffix = ''): string {
  const slug =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/, '') || 'playbook';
  return `${slug}${suffix}-${at.slice(0, 10)}.${ext}`;
}

/**
 * Renders playbook content for people and other systems: exports of the current content, a stored
 * version in any export format, and a version's block diff against the current content.
 */
@Injectable()
export class PlaybookContentService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: PlaybookAccess,
    private readonly documents: CollabDocuments,
    private readonly versions: PlaybookVersionsStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get base(): string {
    return this.config.publicUrl.replace(/\/+$/, '');
  }

  private async meta(id: string): Promise<ExportMeta> {
    const rows = await this.em
      .fork()
      .getConnection()
      .execute<
        {
          title: string;
          replication_id: string | null;
          innovation_id: string | null;
          innovation_title: string | null;
          unit_id: string | null;
          unit_name: string | null;
        }[]
      >(
        `select p.title, p.replication_id, i.id as innovation_id, i.title as innovation_title, u.id as unit_id, u.name as unit_name
         from playbooks p
         left join replications r on r.id = p.replication_id
         left join innovations i on i.id = coalesce(r.innovation_id, p.template_for_id)
         left join units u on u.id = r.replicating_unit_id
        where p.id = ?`,
        [id],
      );
    const r = rows[0];
    if (!r) throw notFound('Playbook');
    const [{ list }] = await this.em
      .fork()
      .getConnection()
      .execute<{ list: ExportedAttachment[] }[]>(`select ${attachmentsSql('playbook', '?::uuid')} as list`, [id]);
    const base = this.base;
    return {
      playbookId: id,
      title: r.title,
      replicationId: r.replication_id,
      innovation: r.innovation_id ? { id: r.innovation_id, title: r.innovation_title ?? '' } : null,
      replicatingUnit: r.unit_id ? { id: r.unit_id, name: r.unit_name ?? '' } : null,
      exportedAt: new Date().toISOString(),
      attachments: list.map((a) => ({ ...a, url: `${base}/api/attachments/${a.id}` })),
    };
  }

  /** The current content as Markdown, a full HTML document or ProseMirror JSON with `meta`. */
  async export(user: AuthUser, id: string, format: ExportFormat): Promise<RenderedExport> {
    await this.access.require(user, id, 'view');
    const tree = await this.documents.withDoc(id, (doc) => toProseMirrorJson(doc.doc));
    if (!tree) throw notFound('Playbook');
    return render(tree, await this.meta(id), format, this.base);
  }

  private async versionTree(
    user: AuthUser,
    id: string,
    versionId: string,
  ): Promise<{ tree: PmNode; version: { id: string; label: string; createdAt: string } }> {
    await this.access.require(user, id, 'edit');
    const row = await this.versions.get(id, versionId);
    const data = row && (await this.versions.data(id, versionId));
    if (!row || !data) throw notFound('Version');
    const scratch = new Y.Doc({ gc: true });
    try {
      Y.applyUpdate(scratch, data);
      return {
        tree: toProseMirrorJson(scratch),
        version: { id: row.id, label: row.label, createdAt: new Date(row.created_at).toISOString() },
      };
    } finally {
      scratch.destroy();
    }
  }

  /** A stored version's content in an export format (editors, as for restore). */
  async version(user: AuthUser, id: string, versionId: string, format: ExportFormat): Promise<RenderedExport> {
    const { tree, version } = await this.versionTree(user, id, versionId);
    return render(tree, { ...(await this.meta(id)), version }, format, this.base);
  }

  /** The top-level blocks added, removed and changed from the version to the current content. */
  async diff(user: AuthUser, id: string, versionId: string): Promise<BlockDiff & { versionId: string; from: 'version'; to: 'current' }> {
    const { tree } = await this.versionTree(user, id, versionId);
    const current = await this.documents.withDoc(id, (doc) => toProseMirrorJson(doc.doc));
    if (!current) throw notFound('Playbook');
    return { versionId, from: 'version', to: 'current', ...diffBlocks(tree.content ?? [], current.content ?? []) };
  }
}

function describe(meta: ExportMeta): string[] {
  const lines: string[] = [];
  if (meta.replicationId) {
    const what = [meta.innovation?.title, meta.replicatingUnit?.name].filter(Boolean).join(' — ');
    lines.push(`Replikasi: ${what || meta.replicationId} (${meta.replicationId})`);
  } else if (meta.innovation) lines.push(`Templat inovasi: ${meta.innovation.title}`);
  if (meta.version) lines.push(`Versi: ${meta.version.label} (${meta.version.createdAt})`);
  lines.push(`Diekspor: ${meta.exportedAt}`);
  return lines;
}

/**
 * Images in a downloaded Markdown or HTML file point back at this server (PUBLIC_URL), where a
 * signed-in reader can open them; the JSON export keeps the document's own relative `src`.
 */
function absoluteImages(node: PmNode, base: string): PmNode {
  const src = node.type === 'image' && typeof node.attrs?.src === 'string' ? node.attrs.src : null;
  const attrs = src?.startsWith('/api/attachments/') && ATTACHMENT_SRC.test(base + src) ? { ...node.attrs, src: base + src } : node.attrs;
  return { ...node, ...(attrs ? { attrs } : {}), ...(node.content ? { content: node.content.map((c) => absoluteImages(c, base)) } : {}) };
}

const sizeText = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} B`;
const fileLine = (a: ExportMeta['attachments'][number]) =>
  `${a.contentType}, ${sizeText(a.size)}, ${a.createdBy?.name ?? '-'}, ${a.createdAt.slice(0, 10)}`;

function render(tree: PmNode, meta: ExportMeta, format: ExportFormat, base: string): RenderedExport {
  const suffix = meta.version ? '-versi' : '';
  if (format !== 'json') tree = absoluteImages(tree, base);
  if (format === 'md') {
    const head = `# ${meta.title.replace(/([\\`*_[\]<>~|])/g, '\\$1')}\n\n${describe(meta)
      .map((l) => `_${l.replace(/([\\`*_[\]<>~|])/g, '\\$1')}_`)
      .join('  \n')}\n\n---\n\n`;
    return {
      contentType: 'text/markdown; charset=utf-8',
      filename: exportFilename(meta.title, meta.exportedAt, 'md', suffix),
      body:
        head +
        markdownOf(tree) +
        (meta.attachments.length
          ? `\n\n## Lampiran\n\n${meta.attachments.map((a) => `- [${a.name.replace(/([\\`*_[\]<>~|])/g, '\\$1')}](<${a.url}>) (${fileLine(a).replace(/([\\`*_[\]<>~|])/g, '\\$1')})`).join('\n')}\n`
          : ''),
    };
  }
  if (format === 'html') {
    const tags: Record<string, string> = { 'playbook-id': meta.playbookId, 'exported-at': meta.exportedAt };
    if (meta.replicationId) tags['replication-id'] = meta.replicationId;
    if (meta.version) tags['version-id'] = meta.version.id;
    return {
      contentType: 'text/html; charset=utf-8',
      filename: exportFilename(meta.title, meta.exportedAt, 'html', suffix),
      body: htmlDocument(
        meta.title,
        describe(meta),
        htmlOf(tree) +
          (meta.attachments.length
            ? `\n<section><h2>Lampiran</h2><ul>${meta.attachments
                .map((a) => `<li><a href="${escapeHtml(a.url)}">${escapeHtml(a.name)}</a> (${escapeHtml(fileLine(a))})</li>`)
                .join('')}</ul></section>`
            : ''),
        tags,
      ),
    };
  }
  return {
    contentType: 'application/json; charset=utf-8',
    filename: exportFilename(meta.title, meta.exportedAt, 'json', suffix),
    body: { ...tree, meta },
  };
}
