// Set a CloudWatch alarm's state by hand, to test that ALARM reaches the pager/runbook (alarm
// routing), and put the previous state back afterwards.
import type { AwsResponse } from '../../aws/ops/call.js';
import { str, tagsOf } from '../args.js';
import { ActivityFailed, CatalogInputError } from '../errors.js';
import { opt, req } from '../params.js';
import type { EntrySpec } from '../types.js';
import { parseDuration, undoAfter } from './common.js';

const STATES = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];

/** gameday.actions.set_alarm_state */
export const SET_ALARM_STATE: EntrySpec = {
  module: 'gameday.actions',
  func: 'set_alarm_state',
  kind: 'action',
  title: 'Set alarm state',
  targetKind: 'CloudWatch alarm',
  appliesTo: ['alarms'],
  summary:
    'Sets a metric alarm to ALARM (or another state) so its actions fire, to check alarm routing. The alarm re-evaluates at its next period; with a duration the previous state is set back at the end.',
  undo: 'set the previous state (and reason) back',
  dryRun: 'plan',
  params: [
    req('alarm_name', 'str', 'alarm name'),
    opt('state', 'ALARM', 'str', 'OK, ALARM or INSUFFICIENT_DATA'),
    opt('reason', 'gameday: testing alarm routing', 'str', 'state reason shown in CloudWatch'),
    opt('duration', null, 'str', 'set the previous state back after this long'),
  ],
  async impl(a, run) {
    const AlarmName = str(a, 'alarm_name');
    const state = String(a.state ?? 'ALARM').toUpperCase();
    if (!STATES.includes(state))
      throw new CatalogInputError(`state: "${a.state}" is not one of ${STATES.join(', ')}`);
    const duration = parseDuration(a.duration);
    const res = await run.aws('cloudwatch', 'DescribeAlarms', { AlarmNames: [AlarmName] });
    const alarm = (res.MetricAlarms?.[0] ?? res.CompositeAlarms?.[0]) as AwsResponse | undefined;
    if (!alarm) throw new ActivityFailed(`CloudWatch alarm name ${AlarmName} not found`);
    const tags = tagsOf(
      (await run.aws('cloudwatch', 'ListTagsForResource', { ResourceARN: alarm.AlarmArn })).Tags,
    );
    await run.attack.mutate({
      targets: [{ kind: 'alarms', id: AlarmName, tags }],
      call: {
        service: 'cloudwatch',
        operation: 'SetAlarmState',
        input: { AlarmName, StateValue: state, StateReason: a.reason ?? 'gameday' },
      },
      undo: [
        {
          service: 'cloudwatch',
          operation: 'SetAlarmState',
          input: {
            AlarmName,
            StateValue: alarm.StateValue,
            StateReason: `gameday undo: back to ${alarm.StateValue}`,
          },
        },
      ],
      undoDescription: `set ${AlarmName} back to ${alarm.StateValue}`,
    });
    const restored = await undoAfter(run, duration, run.attack.undoRecords);
    return { AlarmName, previous: alarm.StateValue, state, restored: restored.restored };
  },
};
