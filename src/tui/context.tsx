// What every component may read without props: the theme and whether the console is read-only.
// Passed once at the top so tests can render any screen with NO_COLOR or read-only on.
import { createContext, type ReactNode, useContext } from 'react';
import { theme as defaultTheme, type Theme } from './theme.js';

/** Console-wide settings that do not change while it runs. */
export interface ConsoleSettings {
  theme: Theme;
  readOnly: boolean;
}

const SettingsContext = createContext<ConsoleSettings>({ theme: defaultTheme, readOnly: false });

/** Provides the settings to everything below. */
export function SettingsProvider({
  value,
  children,
}: {
  value: Partial<ConsoleSettings>;
  children: ReactNode;
}) {
  const merged: ConsoleSettings = { theme: value.theme ?? defaultTheme, readOnly: value.readOnly ?? false };
  return <SettingsContext.Provider value={merged}>{children}</SettingsContext.Provider>;
}

/** The console settings. */
export function useSettings(): ConsoleSettings {
  return useContext(SettingsContext);
}

/** Just the theme. */
export function useTheme(): Theme {
  return useContext(SettingsContext).theme;
}
