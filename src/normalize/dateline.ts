/**
 * Finds a dateline at the start of an article ("Lima. Le gouvernement…", "PARIS (AFP) - Le…",
 * "Madrid, 5 ene (EFE).- El…") and returns the place and the text without it.
 */
const dateline =
  /^((?:\p{Lu}[\p{L}’'-]*)(?:[ -](?:de |del |la |los |el |da )?\p{Lu}[\p{L}’'-]*){0,3})(?:,[^.()\n]{1,25})?(?:\s*\((?:AFP|AP|Reuters|EFE|ANSA|dpa|Europa Press|Belga|ATS|APS|IPS)\))?\s*(?:\.-|\.|—|–|-|:)\s+(?=[\p{Lu}«"“])/u;

/** Words that open a sentence and are not places. */
const notPlaces =
  /^(mais|alors|ensuite|enfin|bref|oui|non|but|so|then|yes|no|sin embargo|pero|entonces|sí|hier|aujourd'hui|today|yesterday|hoy|ayer)$/i;

export function splitDateline(text: string): { location: string | null; rest: string } {
  const match = dateline.exec(text);
  const place = match?.[1];
  if (!match || !place || notPlaces.test(place)) return { location: null, rest: text };
  const location = place === place.toUpperCase() && place.length > 3 ? titleCase(place) : place;
  return { location, rest: text.slice(match[0].length) };
}

function titleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}
