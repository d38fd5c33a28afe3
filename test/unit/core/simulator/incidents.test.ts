import { describe, expect, it } from 'vitest';
import { parseIncident } from '../../../../src/core/simulator/incidents';

describe('parseIncident', () => {
  it('reads kind:target:duration[@ago] in minutes', () => {
    expect(parseIncident('fraud_attack:Gaming:30m@2h')).toEqual({
      kind: 'fraud_attack',
      target: 'Gaming',
      durationMinutes: 30,
      startsAgoMinutes: 120,
    });
  });

  it.each([
    ['processor_outage:ProcessorB', 'The incident "processor_outage:ProcessorB" is not kind:target:duration'],
    ['processor_outage:ProcessorB:soon', 'The incident "processor_outage:ProcessorB:soon": "soon" is not a duration like 45m'],
  ])('refuses %j in words an app user understands, naming no command-line flag', (text, message) => {
    expect(() => parseIncident(text)).toThrow(message);
    expect(() => parseIncident(text)).not.toThrow(/--/u);
  });
});
