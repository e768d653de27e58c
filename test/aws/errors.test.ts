// Every AWS failure reaches the operator as one line: the call, the resource, what to do.
import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { explainAwsError } from '../../src/aws/errors.js';

const site = { service: 'ec2' as const, operation: 'StopInstances', resource: 'i-0abc', region: 'us-east-1' };
const sdkError = (name: string, message: string, status = 400) =>
  new EC2ServiceException({ name, message, $fault: 'client', $metadata: { httpStatusCode: status } });

describe('explainAwsError', () => {
  it('a denied call names the IAM action to grant and the resource', () => {
    const e = explainAwsError(
      sdkError('UnauthorizedOperation', 'You are not authorized to perform this operation.'),
      site,
    );
    expect(e.kind).toBe('denied');
    expect(e.message).toMatch(
      /^ec2:StopInstances on i-0abc was denied: grant the IAM action ec2:StopInstances/,
    );
  });

  it('AccessDeniedException from JSON services is also a denial', () => {
    const e = explainAwsError(sdkError('AccessDeniedException', 'User is not authorized'), {
      service: 'ecs',
      operation: 'ListClusters',
    });
    expect(e.kind).toBe('denied');
    expect(e.message).toContain('grant the IAM action ecs:ListClusters');
  });

  it('an expired token says to refresh credentials', () => {
    expect(
      explainAwsError(sdkError('ExpiredToken', 'The security token included in the request is expired'), site)
        .kind,
    ).toBe('expired');
  });

  it('an expired SSO session names the login command with the profile', () => {
    const err = Object.assign(
      new Error(
        'The SSO session associated with this profile is invalid. To refresh this SSO session run aws sso login',
      ),
      {
        name: 'CredentialsProviderError',
      },
    );
    const e = explainAwsError(err, { ...site, profile: 'dev' });
    expect(e.kind).toBe('expired');
    expect(e.message).toContain('run `aws sso login --profile dev`');
  });

  it('no credentials at all says how to get some, or to use the sandbox', () => {
    const err = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    const e = explainAwsError(err, site);
    expect(e.kind).toBe('no-credentials');
    expect(e.message).toContain('--sandbox');
  });

  it('throttling after the retries gives up says so with the attempt count', () => {
    const err = new EC2ServiceException({
      name: 'RequestLimitExceeded',
      message: 'Request limit exceeded.',
      $fault: 'client',
      $metadata: { attempts: 6 },
    });
    const e = explainAwsError(err, site);
    expect(e.kind).toBe('throttled');
    expect(e.message).toContain('after 6 attempts');
  });

  it('a refused connection names the endpoint', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const e = explainAwsError(err, { ...site, endpoint: 'http://127.0.0.1:1' });
    expect(e.kind).toBe('unreachable');
    expect(e.message).toBe(
      'ec2:StopInstances: http://127.0.0.1:1 refused the connection (ECONNREFUSED); check AWS_ENDPOINT_URL, the region and the network',
    );
  });

  it('a timeout says the endpoint did not answer in time', () => {
    const err = Object.assign(new Error('Connection timed out after 5000 ms'), { name: 'TimeoutError' });
    expect(explainAwsError(err, site).message).toContain('did not answer in time');
  });

  it('an unknown resource is a not-found with the AWS code', () => {
    const e = explainAwsError(
      sdkError('InvalidInstanceID.NotFound', "The instance ID 'i-0abc' does not exist"),
      site,
    );
    expect(e.kind).toBe('not-found');
    expect(e.message).toContain('InvalidInstanceID.NotFound');
  });

  it('messages are one line, whatever the SDK put in them', () => {
    const e = explainAwsError(sdkError('SomethingOdd', 'first line\n    at stack frame'), site);
    expect(e.message).not.toContain('\n');
    expect(e.message).toBe('ec2:StopInstances on i-0abc failed: SomethingOdd: first line');
  });
});
