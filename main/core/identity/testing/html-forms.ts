/**
 * Just enough HTML form reading for a scripted browser: the emulators' sign-in page and the auto-submitting
 * form_post page are small, generated, well-formed documents, so attribute-level parsing is sufficient.
 */
export interface HtmlForm {
  action: string;
  method: string;
  /** Every named input, in document order (hidden ones included). */
  inputs: HtmlInput[];
  /** Named submit buttons, in document order: which one is "pressed" decides what the server does. */
  buttons: { name: string; value: string; label: string }[];
}

export interface HtmlInput {
  name: string;
  type: string;
  value: string;
}

export function parseForms(html: string, pageUrl: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attributes = parseAttributes(match[1] ?? '');
    const body = match[2] ?? '';
    const inputs: HtmlInput[] = [];
    for (const input of body.matchAll(/<input\b([^>]*)>/gi)) {
      const a = parseAttributes(input[1] ?? '');
      if (a.name) inputs.push({ name: a.name, type: (a.type ?? 'text').toLowerCase(), value: a.value ?? '' });
    }
    const buttons: HtmlForm['buttons'] = [];
    for (const button of body.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)) {
      const a = parseAttributes(button[1] ?? '');
      if ((a.type ?? 'submit').toLowerCase() === 'submit') buttons.push({ name: a.name ?? '', value: a.value ?? '', label: textOf(button[2] ?? '') });
    }
    for (const input of inputs.filter((i) => i.type === 'submit')) buttons.push({ name: input.name, value: input.value, label: input.value });
    forms.push({ action: new URL(attributes.action ?? pageUrl, pageUrl).toString(), method: (attributes.method ?? 'GET').toUpperCase(), inputs, buttons });
  }
  return forms;
}

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of source.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    const name = (match[1] ?? '').toLowerCase();
    attributes[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

function textOf(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, '')).trim();
}

export function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return named[entity.toLowerCase()] ?? whole;
  });
}
