import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';

const css = readFileSync(new URL('../src/styles.css', import.meta.url), 'utf8');
const root = css.slice(css.indexOf(':root {'), css.indexOf('\n}', css.indexOf(':root {')));
const tokens = new Map(Array.from(root.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{3,6})\s*;/g), ([, name, value]) => [name!, value!]));

function hex(name: string): [number, number, number] {
  const value = tokens.get(name);
  if (!value) throw new Error(`No colour token --${name} in styles.css`);
  const digits = value.length === 4 ? [...value.slice(1)].map((d) => d + d).join('') : value.slice(1);
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG 2.x relative luminance and contrast ratio. */
function luminance([r, g, b]: [number, number, number]): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}
function contrast(foreground: string, background: string): number {
  const [a, b] = [luminance(hex(foreground)), luminance(hex(background))].sort((x, y) => y - x);
  return (a! + 0.05) / (b! + 0.05);
}

// Every text colour on every background the stylesheet puts it on.
const TEXT_PAIRS: [string, string][] = [
  ['ink', 'paper'],
  ['ink', 'surface'],
  ['muted', 'paper'],
  ['muted', 'surface'],
  ['blue', 'paper'],
  ['blue', 'surface'],
  ['blue-dark', 'surface'],
  ['on-brand', 'blue'],
  ['on-brand', 'blue-dark'],
  ['ink', 'focus'],
  ['success', 'paper'],
  ['success', 'success-bg'],
  ['danger', 'paper'],
  ['danger', 'danger-bg'],
  ['ink', 'danger-bg'],
  ['info', 'info-bg'],
  ['ink', 'info-bg'],
  ['ink', 'success-bg'],
  ['blue-dark', 'chip-bg'],
  ['toast-ink', 'toast-bg'],
  ['toast-action', 'toast-bg'],
];

describe('design tokens', () => {
  it.each(TEXT_PAIRS)('--%s text on --%s meets WCAG AA (4.5:1)', (foreground, background) => {
    expect(contrast(foreground, background)).toBeGreaterThanOrEqual(4.5);
  });

  it('draws control borders at 3:1 against the page (WCAG 1.4.11)', () => {
    expect(contrast('control-border', 'paper')).toBeGreaterThanOrEqual(3);
  });

  it('uses no colour outside the tokens', () => {
    const rules = css.slice(css.indexOf('\n}', css.indexOf(':root {')));
    expect(rules.match(/#[0-9a-fA-F]{3,6}\b|rgba?\(/g) ?? []).toEqual([]);
  });
});
