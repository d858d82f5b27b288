import { describe, expect, it } from 'vitest';
import { saveProblem } from './save-problem';

describe('a refused save', () => {
  it('says it was not saved and what to do, never "could not be read" or "try again"', () => {
    const text = saveProblem(
      'person',
      'This person could not be read after upgrading it:\nNames: This is too long. Keep it under 1,000 characters.',
    );
    expect(text).toBe(
      'This person was not saved. Names: This is too long. Keep it under 1,000 characters. What you wrote is still on screen: change what is named here, then save again.',
    );
    expect(text).not.toMatch(/could not be read|try again/);
  });
});
