import { xmlSafe } from '../xml-safe.ts';

/**
 * Gazette's one XML writer, for its Atom and RSS documents. An element is plain data; writing
 * it drops the characters XML cannot carry and escapes each text and attribute value once. The
 * layout is four spaces a level, one element a line; an element holding only text or CDATA
 * stays on its line.
 */
export interface XmlElement {
  name: string;
  attributes?: Record<string, string> | undefined;
  children?: XmlNode[] | undefined;
}

export type XmlNode = XmlElement | { text: string } | { cdata: string };

export const xmlDeclaration = '<?xml version="1.0" encoding="utf-8"?>';

const indent = '    ';

/** An element holding text. */
export function textElement(
  name: string,
  text: string,
  attributes?: Record<string, string>,
): XmlElement {
  return { name, attributes, children: [{ text }] };
}

/** A whole document: the declaration, then its root element. */
export function writeDocument(root: XmlElement): string {
  return `${xmlDeclaration}\n${writeElement(root)}\n`;
}

/** An element, its closing tag at the left margin of `depth` levels. */
export function writeElement(element: XmlElement, depth = 0): string {
  const children = element.children ?? [];
  const open = startTag(element);
  if (children.length === 0) return `${open.slice(0, -1)}/>`;
  if (children.every((child) => !('name' in child)))
    return `${open}${children.map(writeInline).join('')}</${element.name}>`;
  const inner = indent.repeat(depth + 1);
  const lines = children.map(
    (child) => `\n${inner}${'name' in child ? writeElement(child, depth + 1) : writeInline(child)}`,
  );
  return `${open}${lines.join('')}\n${indent.repeat(depth)}</${element.name}>`;
}

/**
 * The opening tag and the first children of an element whose other children are written
 * apart (an Atom document's entries, shared by several documents): each child on its own line,
 * one level in, and a line break after the last.
 */
export function writeOpening(element: XmlElement): string {
  const lines = (element.children ?? []).map(
    (child) => `\n${indent}${'name' in child ? writeElement(child, 1) : writeInline(child)}`,
  );
  return `${startTag(element)}${lines.join('')}\n`;
}

function startTag({ name, attributes = {} }: XmlElement): string {
  const written = Object.entries(attributes).map(
    ([key, value]) => ` ${key}="${escapeAttribute(value)}"`,
  );
  return `<${name}${written.join('')}>`;
}

function writeInline(node: XmlNode): string {
  if ('name' in node) return writeElement(node);
  if ('text' in node) return escapeText(node.text);
  // A CDATA section cannot hold its own end: that one is split over two sections.
  return `<![CDATA[${xmlSafe(node.cdata).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** A text as an element holds it: the characters XML cannot carry dropped, markup escaped. */
export function escapeText(text: string): string {
  const safe = xmlSafe(text);
  if (!/[&<>]/.test(safe)) return safe;
  return safe.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}
