/** The first form of one of the emulator's own pages: its action and its fields' current values. */
export interface HtmlForm {
  action: string;
  fields: Record<string, string>;
}

/** Undoes escapeHtml (numeric character references) and the few named entities HTML writers use. */
function unescape(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attribute(tag: string, name: string): string | undefined {
  const value = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  return value === undefined ? undefined : unescape(value);
}

/**
 * Reads the form of a page the emulator wrote (its markup is known: double-quoted attributes). Not a general HTML
 * parser: the point is to drive the sign-in page with plain HTTP requests, as a browser would.
 */
export function parseForm(html: string, pageUrl: string): HtmlForm | null {
  const formTag = /<form\b[^>]*>/.exec(html)?.[0];
  if (!formTag) return null;
  const fields: Record<string, string> = {};
  for (const input of html.match(/<input\b[^>]*>/g) ?? []) {
    const name = attribute(input, 'name');
    if (name !== undefined) fields[name] = attribute(input, 'value') ?? '';
  }
  return { action: new URL(attribute(formTag, 'action') ?? '', pageUrl).toString(), fields };
}

/** The text of the page's role="alert" element, if any. */
export function alertText(html: string): string | undefined {
  const match = /<p[^>]*role="alert"[^>]*>([^<]*)<\/p>/.exec(html);
  return match?.[1] === undefined ? undefined : unescape(match[1]);
}
