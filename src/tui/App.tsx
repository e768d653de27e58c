// The console's root: settings and the keypress hub around the console frame. Kept a thin
// switch; the frame (Console.tsx) picks the screen, or the boot frame waits for the services.
import { Boot, type BootSource } from './Boot.js';
import { Console, type ConsoleProps } from './Console.js';
import { type ConsoleSettings, SettingsProvider } from './context.js';
import { KeypressProvider } from './hooks/keypress.js';
import { type Size, useTerminalSize } from './hooks/terminal-size.js';
import type { ConsoleServices } from './services.js';

/** App props: the console's, with settings, an optional fixed size (tests), and either the
 * services or a boot source that will provide them (the first frame draws before AWS answers). */
export interface AppProps extends Omit<ConsoleProps, 'size' | 'services'> {
  services?: ConsoleServices;
  boot?: BootSource;
  settings?: Partial<ConsoleSettings>;
  size?: Size;
}

/** The root component `gameday` renders. */
export function App({ settings, size, ...rest }: AppProps) {
  return (
    <SettingsProvider value={settings ?? {}}>
      <KeypressProvider>{size ? <Frame size={size} {...rest} /> : <Sized {...rest} />}</KeypressProvider>
    </SettingsProvider>
  );
}

function Sized(props: Omit<AppProps, 'settings' | 'size'>) {
  const size = useTerminalSize();
  return <Frame size={size} {...props} />;
}

function Frame({ services, boot, ...rest }: Omit<AppProps, 'settings'> & { size: Size }) {
  if (services) return <Console services={services} {...rest} />;
  if (boot) return <Boot boot={boot} {...rest} />;
  throw new Error('App needs services or a boot source');
}
