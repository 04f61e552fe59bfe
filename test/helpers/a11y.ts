import type { Page } from 'playwright-core';

/**
 * Accessibility checks for the dashboard tests, written here because axe-core is not a dependency.
 * Names come from Chromium's own accessibility tree (CDP), contrast from computed styles.
 */

/** Roles that must have an accessible name (WCAG 4.1.2, 1.1.1); a region or form without one is no landmark at all and is left out. */
const NAMED_ROLES = new Set(['button', 'link', 'textbox', 'combobox', 'listbox', 'checkbox', 'radio', 'spinbutton', 'searchbox', 'slider', 'img', 'image', 'figure', 'table', 'Iframe', 'navigation']);

/** Elements of the page (main frame) whose role needs a name and that have none: "role #nodeId". */
export async function unnamedElements(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { ignored?: boolean; role?: { value?: string }; name?: { value?: string }; backendDOMNodeId?: number }[] };
    return nodes
      .filter((n) => !n.ignored && NAMED_ROLES.has(String(n.role?.value)) && !String(n.name?.value ?? '').trim())
      .map((n) => `${n.role?.value} #${n.backendDOMNodeId}`);
  } finally {
    await cdp.detach();
  }
}

/** Heading levels in document order that skip a level (h1 then h3): "h3 'Title' after h1". */
export const skippedHeadings = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const out: string[] = [];
    let last = 0;
    for (const el of Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'))) {
      if (el.closest('[hidden]')) continue;
      const level = Number(el.tagName[1]);
      if (level > last + 1) out.push(`h${level} '${el.textContent?.trim()}' after h${last}`);
      last = level;
    }
    return out;
  });

/**
 * Visible text below WCAG 1.4.3's contrast minimum (4.5:1, 3:1 for large text), against the
 * background colours stacked behind it. Over a gradient or pattern, the darkest colour stop of the
 * nearest gradient is taken as the background (the worst case for dark text).
 */
export const lowContrastText = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    type Rgba = { r: number; g: number; b: number; a: number };
    const parse = (c: string): Rgba | null => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return null;
      const p = m[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
      return { r: p[0]!, g: p[1]!, b: p[2]!, a: p[3] ?? 1 };
    };
    const lum = ({ r, g, b }: Rgba) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const over = (top: Rgba, below: Rgba): Rgba => ({ r: top.r * top.a + below.r * (1 - top.a), g: top.g * top.a + below.g * (1 - top.a), b: top.b * top.a + below.b * (1 - top.a), a: 1 });
    const darkestStop = (image: string): Rgba | null => {
      const stops = (image.match(/rgba?\([^)]+\)/g) ?? []).map(parse).filter((c): c is Rgba => c !== null && c.a > 0);
      return stops.length ? stops.reduce((a, b) => (lum(over(b, { r: 255, g: 255, b: 255, a: 1 })) < lum(over(a, { r: 255, g: 255, b: 255, a: 1 })) ? b : a)) : null;
    };
    const background = (el: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        const stop = s.backgroundImage !== 'none' ? darkestStop(s.backgroundImage) : null;
        if (stop) layers.push(stop);
        const c = parse(s.backgroundColor);
        if (c && c.a > 0) layers.push(c);
        if ((stop && stop.a >= 1) || (c && c.a >= 1)) break;
      }
      return layers.reverse().reduce((below, top) => over(top, below), { r: 255, g: 255, b: 255, a: 1 });
    };
    const out: string[] = [];
    const seen = new Set<Element>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const el = t.parentElement;
      if (!el || seen.has(el) || !t.textContent?.trim()) continue;
      seen.add(el);
      const s = getComputedStyle(el);
      if (el.getBoundingClientRect().width === 0 || s.visibility === 'hidden' || el.closest('[hidden], .skip-link')) continue;
      const bg = background(el);
      const fg = over(parse(s.color)!, bg);
      const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a) as [number, number];
      const ratio = (hi + 0.05) / (lo + 0.05);
      const size = Number.parseFloat(s.fontSize);
      const large = size >= 24 || (Number(s.fontWeight) >= 700 && size >= 18.66);
      if (ratio < (large ? 3 : 4.5)) out.push(`${ratio.toFixed(2)}:1 "${t.textContent.trim().slice(0, 40)}" (${s.color} on rgb(${Math.round(bg.r)}, ${Math.round(bg.g)}, ${Math.round(bg.b)}))`);
    }
    return out;
  });

/**
 * Form fields whose label is not beside or right above them (a wrapped row of filters that ends a
 * line with a label and starts the next with its field): "label text".
 */
export const labelsApartFromFields = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const out: string[] = [];
    for (const label of Array.from(document.querySelectorAll('#view label[for]'))) {
      const field = document.getElementById(label.getAttribute('for')!);
      if (!field) continue;
      const l = label.getBoundingClientRect();
      const f = field.getBoundingClientRect();
      const sameLine = l.top < f.bottom && f.top < l.bottom && f.left >= l.right - 1 && f.left - l.right < 40;
      const above = f.top >= l.bottom - 1 && f.top - l.bottom < 16 && f.left < l.right && l.left < f.right;
      if (!sameLine && !above) out.push(label.textContent?.trim() ?? '');
    }
    return out;
  });

/** How far the document reaches past the viewport, and the elements that stick out of it (not inside a table's scroll box). */
export const overflow = (page: Page) =>
  page.evaluate(() => {
    const width = window.innerWidth;
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      if (el.closest('.table-scroll')) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1) out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className}` : ''} (right ${Math.round(r.right)})`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, out: out.slice(0, 5) };
  });
