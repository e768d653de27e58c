// Semantic colours: components ask for `theme.status.error`, never for "red", so one place decides
// the palette and NO_COLOR (https://no-color.org) turns every colour off at once.

/** A colour name ink understands, or undefined for "terminal default" (what NO_COLOR gives). */
export type Colour = string | undefined;

/** The palette by meaning. */
export interface Theme {
  /** False when NO_COLOR is set: components must then carry meaning with text or symbols. */
  colour: boolean;
  text: { primary: Colour; secondary: Colour; accent: Colour; inverse: Colour };
  status: { ok: Colour; warn: Colour; error: Colour; info: Colour; muted: Colour };
  badge: { sandbox: Colour; readOnly: Colour; dryRun: Colour; live: Colour };
  border: { normal: Colour; focused: Colour; danger: Colour };
  selection: { cursor: Colour; marked: Colour };
  chart: Colour[];
}

const PALETTE: Omit<Theme, 'colour'> = {
  text: { primary: undefined, secondary: 'gray', accent: 'cyan', inverse: 'black' },
  status: { ok: 'green', warn: 'yellow', error: 'red', info: 'blue', muted: 'gray' },
  badge: { sandbox: 'magenta', readOnly: 'blue', dryRun: 'yellow', live: 'red' },
  border: { normal: 'gray', focused: 'cyan', danger: 'red' },
  selection: { cursor: 'cyan', marked: 'yellow' },
  chart: ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red'],
};

function strip<T>(value: T): T {
  if (Array.isArray(value)) return value.map(() => undefined) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strip(v)])) as T;
  }
  return undefined as T;
}

/** The theme for an environment: colourless when NO_COLOR is set to anything non-empty. */
export function themeFor(env: NodeJS.ProcessEnv = process.env): Theme {
  const noColour = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  if (noColour) return { colour: false, ...strip(PALETTE) };
  return { colour: true, ...PALETTE };
}

/** The process-wide theme, decided once at start-up. */
export const theme: Theme = themeFor();
