import { extractMentions, renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders Markdown', () => {
    expect(renderMarkdown('hi **bold** _it_\n\n- a\n- b')).toBe(
      '<p>hi <strong>bold</strong> <em>it</em></p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>',
    );
  });

  it.each([
    ['<script>alert(1)</script>'],
    ['<img src=x onerror=alert(1)>'],
    ['<a href="javascript:alert(1)" onclick="x()">z</a>'],
    ['[x](javascript:alert(1))'],
    ['[x](JaVaScRiPt:alert(1))'],
    ['[x](jav&#x09;ascript:alert(1))'],
    ['[x](data:text/html;base64,PHNjcmlwdD4=)'],
    ['<svg onload=alert(1)>'],
    ['<iframe src="https://evil"></iframe>'],
    ['![img](x" onerror="alert(1))'],
    ['<style>body{}</style>'],
    ['[x](vbscript:msgbox(1))'],
    ['<p style="background:url(javascript:x)">a</p>'],
  ])('neutralises hostile input %s', (src) => {
    const html = renderMarkdown(src);
    // Whatever survives as text is escaped; every real tag is on the allow-list with safe attributes.
    for (const [, name, attrs] of html.matchAll(/<\/?([a-z0-9]+)([^>]*)>/gi)) {
      expect(['p', 'a', 'br', 'strong', 'em', 'code', 'pre', 'blockquote']).toContain(name.toLowerCase());
      expect(attrs).not.toMatch(/\son\w+\s*=|style=/i);
      for (const [, href] of attrs.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^(https?:|mailto:|\/users\/)/);
    }
  });

  it('adds rel="nofollow noopener" to links, keeps safe schemes', () => {
    expect(renderMarkdown('[b](https://x.id/a?b=1)')).toBe('<p><a href="https://x.id/a?b=1" rel="nofollow noopener">b</a></p>');
    expect(renderMarkdown('see https://jippnas.id')).toContain('rel="nofollow noopener"');
  });

  it('turns mentions into marked links and extracts their ids', () => {
    const id = '0b0f7a2e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
    expect(renderMarkdown(`hey @[Budi Santoso](${id})`)).toBe(
      `<p>hey <a href="/users/${id}" class="mention" data-user-id="${id}" rel="nofollow noopener">@Budi Santoso</a></p>`,
    );
    expect(extractMentions(`@[A](${id}) @[B](${id.toUpperCase()}) @[C](not-an-id) @plain`)).toEqual([id]);
  });

  it('never lets a source attribute pose as a mention', () => {
    expect(renderMarkdown('<a class="mention" data-user-id="x" href="/users/x">a</a>')).not.toContain('<a');
  });
});
