// `gameday play` acts on the console's account and region (--profile, --region). A scenario whose
// configuration names another region or a role to assume is refused before anything runs, with
// what to pass instead, rather than played somewhere its author did not mean.
import { describe, expect, it } from 'vitest';
import { elsewhereThan } from '../../src/commands/play.js';

describe('play refuses a scenario meant for elsewhere', () => {
  it('another region: names both and the flag to pass', () => {
    const why = elsewhereThan({ configuration: { aws_region: 'eu-west-1' } }, 'us-east-1');
    expect(why).toBe(
      'configuration.aws_region is eu-west-1, but gameday play would act in us-east-1; pass --region eu-west-1',
    );
  });

  it('a role to assume: names the role, the profile way and gameday run', () => {
    const why = elsewhereThan(
      { configuration: { aws_assume_role_arn: 'arn:aws:iam::1:role/r' } },
      'us-east-1',
    );
    expect(why).toContain('arn:aws:iam::1:role/r');
    expect(why).toContain('role_arn in ~/.aws/config');
    expect(why).toContain('gameday run');
  });

  it('the same region, a region from the environment, or none: plays', () => {
    expect(elsewhereThan({ configuration: { aws_region: 'us-east-1' } }, 'us-east-1')).toBeUndefined();
    expect(
      elsewhereThan({ configuration: { aws_region: { type: 'env', key: 'AWS_REGION' } } }, 'us-east-1'),
    ).toBeUndefined();
    expect(elsewhereThan({}, 'us-east-1')).toBeUndefined();
  });
});
