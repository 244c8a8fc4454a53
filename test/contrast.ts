import type { Page } from 'playwright-core';

/** One visible text of a page, with the colours it is painted in and on. */
export interface TextContrast {
  text: string;
  /** The text's colour, composited over `background`, as CSS `rgb()`. */
  color: string;
  /** What shows behind the text: its ancestors' backgrounds composited over the canvas. */
  background: string;
  /** WCAG 2 contrast ratio, 1 to 21. */
  ratio: number;
}

type Rgba = [number, number, number, number];

/**
 * Run in the page (a string: the tests compile without the DOM's types). For each text that
 * shows, its parent's colour and the background colours of the parent and every ancestor,
 * innermost first; and the canvas colour under them all, which Chromium darkens when the
 * page's color-scheme allows and the reader prefers dark.
 */
const collect = `(() => {
  const probe = document.createElement('div');
  probe.style.backgroundColor = 'Canvas';
  document.documentElement.append(probe);
  const canvas = getComputedStyle(probe).backgroundColor;
  probe.remove();
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    const text = node.textContent.trim();
    if (!text || !element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const backgrounds = [];
    for (let e = element; e; e = e.parentElement) backgrounds.push(getComputedStyle(e).backgroundColor);
    texts.push({ text, color: getComputedStyle(element).color, backgrounds });
  }
  return { canvas, texts };
})()`;

/** Every visible text of `page` with its contrast against what is really behind it. */
export async function textContrasts(page: Page): Promise<TextContrast[]> {
  const { canvas, texts } = await page.evaluate<{
    canvas: string;
    texts: { text: string; color: string; backgrounds: string[] }[];
  }>(collect);
  return texts.map(({ text, color, backgrounds }) => {
    // Painted outermost first: an opaque background hides all below it, a translucent one
    // tints them.
    const background = backgrounds.reduceRight(
      (under, layer) => over(parseColor(layer), under),
      parseColor(canvas),
    );
    const foreground = over(parseColor(color), background);
    return {
      text,
      color: css(foreground),
      background: css(background),
      ratio: contrastRatio(foreground, background),
    };
  });
}

/** The colours Chromium computes: `rgb(r, g, b)` or `rgba(r, g, b, a)`. */
function parseColor(value: string): Rgba {
  const match =
    /^rgba?\((\d+(?:\.\d+)?), (\d+(?:\.\d+)?), (\d+(?:\.\d+)?)(?:, (\d*\.?\d+))?\)$/.exec(value);
  if (!match) throw new Error(`a colour this test cannot read: ${value}`);
  return [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4] ?? 1)];
}

function over([r, g, b, a]: Rgba, [r0, g0, b0]: Rgba): Rgba {
  return [r * a + r0 * (1 - a), g * a + g0 * (1 - a), b * a + b0 * (1 - a), 1];
}

function css([r, g, b]: Rgba): string {
  return `rgb(${[r, g, b].map(Math.round).join(', ')})`;
}

/** WCAG 2's relative luminance. */
function luminance([r, g, b]: Rgba): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrastRatio(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
