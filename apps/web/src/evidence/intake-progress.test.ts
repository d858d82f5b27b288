import { describe, expect, it } from 'vitest';
import { IntakeProgress } from './intake-progress';

describe('IntakeProgress', () => {
  it('tells each listener of every report, and only the listeners still subscribed', () => {
    const progress = new IntakeProgress();
    const heard: string[] = [];
    const stopA = progress.subscribe(() => heard.push(`a:${progress.get(1)}`));
    progress.subscribe(() => heard.push(`b:${progress.get(1)}`));
    progress.set(1, 100);
    stopA();
    progress.set(1, 200);
    expect(heard).toEqual(['a:100', 'b:100', 'b:200']);
  });

  it('keeps each job apart and forgets a finished one', () => {
    const progress = new IntakeProgress();
    progress.set(1, 10);
    progress.set(2, 20);
    expect([progress.get(1), progress.get(2), progress.get(3)]).toEqual([10, 20, undefined]);
    progress.forget(1);
    expect([progress.get(1), progress.get(2)]).toEqual([undefined, 20]);
  });
});
