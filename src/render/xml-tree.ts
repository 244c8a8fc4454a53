import { type Element, js2xml, xml2js } from 'xml-js';
import { xmlSafe } from '../xml-safe.ts';

/**
 * `feed` lays the documents out; Gazette then corrects them as an XML tree, parsed and written
 * back with xml-js.
 */
export function parseXml(xml: string): Element {
  return xml2js(xml, { compact: false }) as Element;
}

export function serializeXml(document: Element): string {
  escapeForXmlJs(document);
  return `${js2xml(document, { spaces: 4, textFn: (text) => text.replace(/\0/g, '&amp;') })}\n`;
}

/**
 * xml-js escapes attribute values only partly, and writes the text `&amp;` as if it were
 * already escaped. So every attribute is escaped here, and every `&` in text travels through
 * xml-js as NUL, which no text can contain (the sanitizer removes it), and is written as `&amp;`.
 */
function escapeForXmlJs(element: Element): void {
  if (element.attributes) {
    for (const [name, value] of Object.entries(element.attributes)) {
      element.attributes[name] = xmlSafe(String(value ?? ''))
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;');
    }
  }
  for (const child of element.elements ?? []) {
    if (child.type === 'text') child.text = xmlSafe(String(child.text ?? '')).replace(/&/g, '\0');
    else escapeForXmlJs(child);
  }
}

/** A URL that cannot break an attribute before the tree is corrected: `&` and `"` encoded. */
export function placeholderUrl(url: string): string {
  return url.replace(/&/g, '%26').replace(/"/g, '%22');
}

export function children(element: Element, name: string): Element[] {
  return (element.elements ?? []).filter((e) => e.type === 'element' && e.name === name);
}

export function child(element: Element, name: string): Element | undefined {
  return children(element, name)[0];
}

/** An element holding text; xml-js escapes the text when writing. */
export function textElement(
  name: string,
  text: string,
  attributes?: Record<string, string>,
): Element {
  return {
    type: 'element',
    name,
    ...(attributes ? { attributes } : {}),
    elements: [{ type: 'text', text: xmlSafe(text) }],
  };
}

export function emptyElement(name: string, attributes: Record<string, string>): Element {
  return { type: 'element', name, attributes };
}

/** Replaces the first `name` child (or appends one) with `replacement`. */
export function replaceChild(
  parent: Element,
  name: string,
  replacement: Element | undefined,
): void {
  const list = parent.elements ?? [];
  const index = list.findIndex((e) => e.type === 'element' && e.name === name);
  if (replacement === undefined) {
    if (index >= 0) list.splice(index, 1);
  } else if (index >= 0) list[index] = replacement;
  else list.push(replacement);
  parent.elements = list;
}

export function removeChildren(parent: Element, name: string): void {
  parent.elements = (parent.elements ?? []).filter(
    (e) => !(e.type === 'element' && e.name === name),
  );
}
