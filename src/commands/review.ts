// `gameday review RECORDING [--speed 1|10|60] [--at SECONDS] [--print]`: plays a recorded session
// back in the live view, without any AWS call. Without a terminal (or with --print) it prints the
// view at --at (default: the end) as text.
import { UserError } from '../util/errors.js';
import type { CommandModule } from './registry.js';

const USAGE = 'usage: gameday review RECORDING [--speed 1|10|60] [--at SECONDS] [--print]';

export const run: CommandModule['run'] = async (argv) => {
  const { parseRecordingArgs, openRecording } = await import('../session/cli.js');
  const { values, recording, help } = parseRecordingArgs('review', USAGE, argv, {
    speed: { type: 'string' },
    at: { type: 'string' },
    print: { type: 'boolean' },
  });
  if (help || !recording) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (![1, 10, 60].includes(speed))
    throw new UserError(`review: --speed takes 1, 10 or 60, not "${String(values.speed)}"`, 2);
  const at = values.at === undefined ? undefined : Number(values.at);
  if (at !== undefined && !(Number.isFinite(at) && at >= 0))
    throw new UserError(
      `review: --at takes a number of seconds from the start, not "${String(values.at)}"`,
      2,
    );
  const rec = openRecording(recording);
  const { Playback } = await import('../session/playback.js');
  const playback = new Playback(rec, { speed });
  if (values.print || !process.stdout.isTTY || !process.stdin.isTTY) {
    const { snapshotText } = await import('../session/review-text.js');
    playback.seek(at === undefined ? playback.duration : at * 1000);
    const secs = Math.round(playback.position / 1000);
    process.stdout.write(
      snapshotText(
        playback.snapshot(),
        `${rec.start.title} (${rec.name}) at ${secs}s of ${Math.round(playback.duration / 1000)}s`,
      ),
    );
    return 0;
  }
  if (at !== undefined) playback.seek(at * 1000);
  const { runReview } = await import('../tui/screens/ReviewScreen.js');
  await runReview(playback);
  return 0;
};
