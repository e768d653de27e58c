// `gameday discover`: placeholder until the discovery layer lands in this series of commits.
import { UserError } from '../util/errors.js';
import type { CommandModule } from './registry.js';

export const run: CommandModule['run'] = async () => {
  throw new UserError('discover is being built', 1);
};
