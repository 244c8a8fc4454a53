import { z } from 'zod';

/** A name and an address, as nodemailer takes them: it quotes the name when RFC 5322 needs it. */
export interface Mailbox {
  name: string;
  address: string;
}

// Line breaks and other controls in a name would end or corrupt a header line; the Unicode
// line and paragraph separators break lines in some mail clients.
const controls = /[\p{Cc}\u2028\u2029]/u;

export const controlsMessage = 'must not contain line breaks or other control characters';

/** Whether text may stand in a header: no line break or other control character. */
export function isHeaderText(text: string): boolean {
  return !controls.test(text);
}

const atext = "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+";
const label = '[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?';
// RFC 5322's dot-atom local part (no leading, trailing or doubled dot) at a host name; the
// HTML form's rule otherwise, so that local domains such as user@localhost, which MTAs
// deliver, pass.
const addressPattern = new RegExp(`^${atext}(?:\\.${atext})*@${label}(?:\\.${label})*$`);

/** Whether SMTP can carry `text` as an address: RFC 5321 also bounds the lengths. */
export function isEmailAddress(text: string): boolean {
  const at = text.lastIndexOf('@');
  return at > 0 && at <= 64 && text.length <= 254 && addressPattern.test(text);
}

/** An email address a message can be sent to. */
export const emailAddress = z.string().refine(isEmailAddress, 'is not an email address');

/**
 * `Name <address>` or a bare address, as a config file writes it. The name may be quoted
 * (`"Gazette: the weekly" <d@example.org>`), and may hold any character but controls.
 */
export function parseMailbox(text: string): Mailbox | { problem: string } {
  const angled = /^(.*?)\s*<([^<>]*)>$/s.exec(text.trim());
  const address = (angled ? (angled[2] ?? '') : text).trim();
  let name = (angled?.[1] ?? '').trim();
  const quoted = /^"((?:[^"\\]|\\.)*)"$/s.exec(name);
  if (quoted) name = (quoted[1] ?? '').replace(/\\(.)/gs, '$1');
  if (!isHeaderText(name)) return { problem: `the name ${controlsMessage}` };
  if (!isEmailAddress(address)) {
    return { problem: 'must be an address, e.g. "Gazette <digest@example.org>"' };
  }
  return { name, address };
}

/** A mailbox in a config file, given back as `{ name, address }`. */
export const mailbox = z.string().transform((text, context): Mailbox => {
  const parsed = parseMailbox(text);
  if ('problem' in parsed) {
    context.addIssue({ code: 'custom', message: parsed.problem, input: text });
    return z.NEVER;
  }
  return parsed;
});
