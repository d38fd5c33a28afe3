import { describe, expect, it } from 'vitest';
import { applyStarting, startingLabel, type StartingEvent } from '../../../../src/renderer/features/connections/warehouse-starting';

const wait = (waitedSeconds: number, profileId = 'p1'): StartingEvent => ({
  profileId,
  profileName: profileId === 'p1' ? 'Prod' : 'Dev',
  state: 'waiting',
  waitedSeconds,
  nextWaitSeconds: 5,
  budgetSeconds: 360,
  message: '',
});

describe('the status bar while a warehouse starts', () => {
  it('says which warehouse is starting and how long it has been waited for, until it is up', () => {
    let state = applyStarting({}, wait(0));
    expect(startingLabel(state.p1!)).toBe('Warehouse “Prod” starting… (0 s so far, up to 360 s)');
    state = applyStarting(applyStarting(state, wait(20)), wait(5, 'p2'));
    expect(Object.values(state).map(startingLabel)).toEqual([
      'Warehouse “Prod” starting… (20 s so far, up to 360 s)',
      'Warehouse “Dev” starting… (5 s so far, up to 360 s)',
    ]);
    state = applyStarting(state, { ...wait(0), state: 'ready' });
    expect(Object.keys(state)).toEqual(['p2']);
  });
});
