import { describe, expect, it } from 'vitest';
import { sameResult } from '../../../support/ask/score';

describe('evaluation scorer', () => {
  it('compares unordered results as sets, numbers to 0.01', () => {
    expect(
      sameResult(
        [
          ['a', 1.004],
          ['b', 2],
        ],
        [
          ['b', 2],
          ['a', 1],
        ],
        false,
      ),
    ).toBe(true);
    expect(sameResult([['a', 1.02]], [['a', 1]], false)).toBe(false);
    expect(
      sameResult(
        [['a', 1]],
        [
          ['a', 1],
          ['b', 2],
        ],
        false,
      ),
    ).toBe(false);
    expect(sameResult([['a', 1, 2]], [['a', 1]], false)).toBe(false);
  });

  it('compares ordered results by order, letting tied rows swap and a LIMIT cut any tie', () => {
    expect(
      sameResult(
        [
          ['a', 3],
          ['b', 2],
        ],
        [
          ['b', 2],
          ['a', 3],
        ],
        true,
      ),
    ).toBe(false);
    expect(
      sameResult(
        [
          ['a', 3],
          ['b', 2],
          ['c', 2],
        ],
        [
          ['a', 3],
          ['c', 2],
          ['b', 2],
        ],
        true,
      ),
    ).toBe(true);
    expect(
      sameResult(
        [
          ['a', 3],
          ['x', 2],
        ],
        [
          ['a', 3],
          ['y', 2],
        ],
        true,
      ),
    ).toBe(true);
    expect(
      sameResult(
        [
          ['x', 3],
          ['a', 2],
        ],
        [
          ['y', 3],
          ['a', 2],
        ],
        true,
      ),
    ).toBe(false);
  });
});
