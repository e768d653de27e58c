// Writes the text of each main console screen (captured from the built CLI in tmux at 80x24 on
// the sandbox) for the README: `npm run build && npx tsx test/tui/screenshots.ts [OUTDIR]`
// (default test/tui/screens). Rerun after changing a screen; the files are plain text.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasTmux, TmuxSession } from './tmux.js';

const out = process.argv[2] ?? 'test/tui/screens';
if (!hasTmux) {
  console.error('screenshots: tmux is not installed');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const t = new TmuxSession('CI=0 node dist/cli.js --sandbox --speed 20 --seed 1 --no-record');
// Clocks and timestamps change on every run: pin them so a rerun only shows real changes.
const steady = (text: string) =>
  text
    .replace(/⏱ \d\d:\d\d:\d\d/g, '⏱ 00:00:10')
    .replace(/updated \d+s ago/g, 'updated 2s ago')
    .replace(/^\d\d:\d\d:\d\d /gm, '12:00:00 ');
const save = (name: string, text: string) => {
  writeFileSync(join(out, `${name}.txt`), `${steady(text).replace(/\s+$/, '')}\n`);
  console.log(`wrote ${join(out, `${name}.txt`)}`);
};
try {
  save('1-inventory', await t.waitFor('updated'));
  t.keys('Tab', 'Tab');
  save('2-ecs-tree', await t.waitFor('CLUSTER / SERVICE / TASK'));
  t.keys('Tab');
  save('2b-ecs-hosts', await t.waitFor('EC2 ID'));
  t.keys('Tab', 'Tab', 'Enter');
  save('3-details', await t.waitFor('Attacks'));
  t.keys('Escape');
  await t.waitFor('rows 1-');
  t.keys('/');
  t.keys('C-u', 'web', 'Enter');
  await t.waitFor('filter: web');
  t.keys('Space', 'Space', 'a');
  save('4-attack-picker', await t.waitFor('Choose an attack'));
  t.keys('End', 'Enter');
  save('5-parameters', await t.waitFor('selection (str)'));
  t.keys('Enter');
  save('6-blast-radius', await t.waitFor('Blast radius'));
  t.keys('Enter');
  save('7-confirm', await t.waitFor('y to run it'));
  t.keys('y');
  await t.waitFor('done');
  t.keys('Enter');
  save('8-live', await t.waitFor('back within tolerance', 40_000));
  t.keys('g');
  save('8b-graphs', await t.waitFor('CloudWatch series'));
  t.keys('Escape');
  await t.waitFor('Steady state');
  t.keys('?');
  save('9-help', await t.waitFor('any key closes'));
  t.keys('Escape');
  await t.waitFor('Steady state');
  t.keys('s');
  save('10-scenarios', await t.waitFor('Scenarios ('));
} finally {
  t.kill();
}
