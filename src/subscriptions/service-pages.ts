import { escapeHtml } from '../html-escape.ts';
import { fill } from '../render/messages/index.ts';
import { readerLanguages, type ServiceMessages } from './service-messages.ts';

/** A tag a reader may follow: its name and its slug. */
export interface Topic {
  tag: string;
  slug: string;
}

/** What one page of the service shows. */
export type ServicePage =
  | { kind: 'subscribe'; problem?: string | undefined; email?: string | undefined }
  | { kind: 'checkInbox' }
  | { kind: 'confirm'; email: string; action: string }
  | { kind: 'confirmed'; email: string; preferences: string }
  | { kind: 'unsubscribe'; email: string; action: string }
  | { kind: 'unsubscribed'; email: string }
  | {
      kind: 'preferences';
      action: string;
      lang: string | undefined;
      topics: readonly string[];
      offered: readonly Topic[];
      saved: boolean;
    }
  | { kind: 'badLink' }
  | { kind: 'tooMany' };

/**
 * A page of the service as HTML: one heading, one text, at most one form, readable on a phone
 * and in dark mode, with no script and nothing loaded from elsewhere.
 */
export function renderServicePage(
  page: ServicePage,
  { title, words, siteUrl }: { title: string; words: ServiceMessages; siteUrl: string },
): string {
  const say = (text: string, values: Record<string, string> = {}) =>
    escapeHtml(fill(text, { title, ...values }));
  const [heading, body] = pageContent(page, words, say);
  return `<!doctype html>
<html lang="${words.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="color-scheme" content="light dark">
<title>${say(heading)} · ${escapeHtml(title)}</title>
<style>
body{font:1.0625rem/1.5 system-ui,sans-serif;margin:0;padding:1rem;background:#fff;color:#1a1a1a}
main{max-width:34rem;margin:2rem auto}
a{color:#0b57d0}
label{display:block;margin:1rem 0 .25rem;font-weight:600}
input[type=email],input[type=text],select{box-sizing:border-box;width:100%;padding:.6rem;font:inherit;border:1px solid #767676;border-radius:4px;background:inherit;color:inherit}
fieldset{border:1px solid #767676;border-radius:4px;margin:1rem 0}
fieldset label{display:inline;font-weight:400;margin:0}
button{margin-top:1.25rem;padding:.7rem 1.4rem;font:inherit;font-weight:600;border:0;border-radius:4px;background:#0b57d0;color:#fff;cursor:pointer}
button:focus-visible,input:focus-visible,select:focus-visible,a:focus-visible{outline:3px solid #f9ab00;outline-offset:2px}
.problem{color:#b3261e;font-weight:600}
.trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
@media (prefers-color-scheme:dark){body{background:#121212;color:#eaeaea}a{color:#8ab4f8}button{background:#8ab4f8;color:#121212}.problem{color:#f2b8b5}}
</style>
</head>
<body>
<main>
<h1>${say(heading)}</h1>
${body}
<p><a href="${escapeHtml(siteUrl)}">${escapeHtml(title)}</a></p>
</main>
</body>
</html>
`;
}

function pageContent(
  page: ServicePage,
  words: ServiceMessages,
  say: (text: string, values?: Record<string, string>) => string,
): [string, string] {
  switch (page.kind) {
    case 'subscribe':
      return [
        words.subscribeTitle,
        `<p>${say(words.subscribeText)}</p>
${signUpForm(words, say, page)}`,
      ];
    case 'checkInbox':
      return [words.checkInboxTitle, `<p>${say(words.checkInboxText)}</p>`];
    case 'confirm':
      return [
        words.confirmTitle,
        oneButton(
          say(words.confirmText, { email: page.email }),
          page.action,
          say(words.confirmButton),
        ),
      ];
    case 'confirmed':
      return [
        words.confirmedTitle,
        `<p>${say(words.confirmedText, { email: page.email })}</p>
<p><a href="${escapeHtml(page.preferences)}">${say(words.preferencesLink)}</a></p>`,
      ];
    case 'unsubscribe':
      return [
        words.unsubscribeTitle,
        oneButton(
          say(words.unsubscribeText, { email: page.email }),
          page.action,
          say(words.unsubscribeButton),
        ),
      ];
    case 'unsubscribed':
      return [
        words.unsubscribedTitle,
        `<p>${say(words.unsubscribedText, { email: page.email })}</p>`,
      ];
    case 'preferences':
      return [words.preferencesTitle, preferencesForm(words, say, page)];
    case 'badLink':
      return [words.badLinkTitle, `<p>${say(words.badLinkText)}</p>`];
    case 'tooMany':
      return [words.tooManyTitle, `<p>${say(words.tooManyText)}</p>`];
  }
}

/** A text and the one button that does what it says: a POST, which no link-following scanner makes. */
function oneButton(text: string, action: string, button: string): string {
  return `<p>${text}</p>
<form method="post" action="${escapeHtml(action)}"><button type="submit">${button}</button></form>`;
}

/**
 * The service's own sign-up form (the site's pages have theirs, in the footer template). The
 * `website` field is hidden from people and left empty by them: a form that fills it is a robot's.
 */
function signUpForm(
  words: ServiceMessages,
  say: (text: string) => string,
  {
    problem,
    email,
    action = 'subscribe',
  }: { problem?: string | undefined; email?: string | undefined; action?: string },
): string {
  return `<form method="post" action="${escapeHtml(action)}">
<label for="gazette-email">${say(words.emailLabel)}</label>
<input id="gazette-email" name="email" type="email" autocomplete="email" required value="${escapeHtml(email ?? '')}"${problem ? ' aria-describedby="gazette-problem" aria-invalid="true"' : ''}>
${problem ? `<p id="gazette-problem" class="problem">${say(problem)}</p>\n` : ''}<label for="gazette-name">${say(words.nameLabel)}</label>
<input id="gazette-name" name="name" type="text" autocomplete="name" maxlength="200">
<input type="hidden" name="lang" value="${escapeHtml(words.lang)}">
<div class="trap" aria-hidden="true"><label for="gazette-website">Website</label><input id="gazette-website" name="website" type="text" tabindex="-1" autocomplete="off"></div>
<button type="submit">${say(words.subscribeButton)}</button>
</form>`;
}

function preferencesForm(
  words: ServiceMessages,
  say: (text: string) => string,
  page: Extract<ServicePage, { kind: 'preferences' }>,
): string {
  const chosen = new Set(page.topics);
  const languages = readerLanguages
    .map(
      (code) =>
        `<option value="${code}"${code === page.lang ? ' selected' : ''}>${escapeHtml(words.languageNames[code] ?? code)}</option>`,
    )
    .join('');
  const topics = page.offered
    .map(
      (topic, i) =>
        `<div><input type="checkbox" id="topic-${i}" name="topics" value="${escapeHtml(topic.slug)}"${chosen.has(topic.slug) ? ' checked' : ''}> <label for="topic-${i}">${escapeHtml(topic.tag)}</label></div>`,
    )
    .join('\n');
  return `${page.saved ? `<p role="status">${say(words.savedText)}</p>\n` : ''}<form method="post" action="${escapeHtml(page.action)}">
<label for="gazette-lang">${say(words.languageLabel)}</label>
<select id="gazette-lang" name="lang">${languages}</select>
${topics ? `<fieldset><legend>${say(words.topicsLabel)}</legend>\n${topics}\n</fieldset>` : ''}
<button type="submit">${say(words.saveButton)}</button>
</form>`;
}
