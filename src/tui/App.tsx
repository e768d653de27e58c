// The console's root: settings and the keypress hub around the console frame. Kept a thin
// switch; the frame (Console.tsx) picks the screen.
import { Console, type ConsoleProps } from './Console.js';
import { type ConsoleSettings, SettingsProvider } from './context.js';
import { KeypressProvider } from './hooks/keypress.js';
import { type Size, useTerminalSize } from './hooks/terminal-size.js';

/** App props: the console's, with settings and an optional fixed size (tests). */
export interface AppProps extends Omit<ConsoleProps, 'size'> {
  settings?: Partial<ConsoleSettings>;
  size?: Size;
}

/** The root component `gameday` renders. */
export function App({ settings, size, ...rest }: AppProps) {
  return (
    <SettingsProvider value={settings ?? {}}>
      <KeypressProvider>{size ? <Console size={size} {...rest} /> : <Sized {...rest} />}</KeypressProvider>
    </SettingsProvider>
  );
}

function Sized(props: Omit<ConsoleProps, 'size'>) {
  const size = useTerminalSize();
  return <Console size={size} {...props} />;
}
