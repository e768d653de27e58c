// The console's first frame: drawn before any AWS client loads, while the account is asked who we
// are and the services are built, so the operator sees the header (region, SANDBOX/LIVE badge)
// at once. Swaps itself for the console when the services are ready; q quits meanwhile.
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { Console, type ConsoleProps } from './Console.js';
import { useTheme } from './context.js';
import { useCommands } from './hooks/commands.js';
import { Priority } from './hooks/keypress.js';
import { GLOBAL_COMMANDS } from './keys/global.js';
import type { ConsoleServices } from './services.js';
import { Header, type HeaderInfo } from './widgets/Header.js';
import { KeyBar } from './widgets/KeyBar.js';

/** What the console waits for: what is known now (flags), and the services when connected. */
export interface BootSource {
  info: HeaderInfo;
  ready: Promise<ConsoleServices>;
  /** Told when `ready` fails (bad credentials, no network): the caller closes and reports it. */
  onFailed(err: unknown): void;
}

/** Boot props: the console's, with the pending services instead of ready ones. */
export interface BootProps extends Omit<ConsoleProps, 'services'> {
  boot: BootSource;
}

const QUIT = GLOBAL_COMMANDS.filter((c) => c.id === 'quit');

/** Shows the waiting frame, then the console. */
export function Boot({ boot, ...rest }: BootProps) {
  const [services, setServices] = useState<ConsoleServices>();
  const { ready, onFailed } = boot;
  useEffect(() => {
    let live = true;
    ready.then(
      (s) => live && setServices(s),
      (err) => live && onFailed(err),
    );
    return () => {
      live = false;
    };
  }, [ready, onFailed]);
  if (services) return <Console services={services} {...rest} />;
  return <Waiting info={boot.info} width={rest.size.width} height={rest.size.height} onQuit={rest.onExit} />;
}

function Waiting({
  info,
  width,
  height,
  onQuit,
}: {
  info: HeaderInfo;
  width: number;
  height: number;
  onQuit(): void;
}) {
  const theme = useTheme();
  useCommands(QUIT, () => onQuit(), { priority: Priority.Global });
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Header
        info={{ ...info, account: info.account ?? '…', caller: info.caller ?? '…' }}
        elapsedMs={0}
        width={width}
      />
      <Box flexDirection="column" flexGrow={1} paddingX={1} paddingY={1}>
        <Text color={theme.text.secondary}>
          {info.sandbox
            ? 'starting the sandbox region and discovering it…'
            : 'connecting: asking AWS who these credentials are (STS GetCallerIdentity)…'}
        </Text>
      </Box>
      <KeyBar commands={QUIT} width={width} />
    </Box>
  );
}
