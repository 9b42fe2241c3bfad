import { describe, expect, it } from 'vitest';
import { TaskCancellation } from '../../src/runtime/task-cancellation.js';

describe('TaskCancellation', () => {
  it('calls function and object listeners once, in order, and hands out an aborted signal', () => {
    const c = new TaskCancellation();
    const calls: string[] = [];
    const a = () => calls.push('a');
    const b = { handleEvent: () => calls.push('b') };
    const removed = () => calls.push('removed');
    c.addEventListener('abort', a);
    c.addEventListener('abort', removed);
    c.addEventListener('abort', b);
    c.removeEventListener('abort', removed);
    const signal = c.signal;
    c.cancel('why');
    c.cancel('again');
    expect(calls).toEqual(['a', 'b']);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('why');
    expect(() => c.throwIfAborted()).toThrow('why');
  });

  it('keeps the remaining listeners when the first is removed', () => {
    const c = new TaskCancellation();
    const calls: number[] = [];
    const one = () => calls.push(1);
    const two = () => calls.push(2);
    const three = () => calls.push(3);
    c.addEventListener('abort', one);
    c.addEventListener('abort', two);
    c.addEventListener('abort', three);
    c.removeEventListener('abort', one);
    c.cancel(undefined);
    expect(calls.sort()).toEqual([2, 3]);
  });

  it('calls each remaining listener exactly once with many listeners added and removed', () => {
    const c = new TaskCancellation();
    const calls: number[] = [];
    const listeners = Array.from({ length: 7 }, (_, i) => () => calls.push(i));
    for (const l of listeners) c.addEventListener('abort', l);
    c.removeEventListener('abort', listeners[1]!);
    c.removeEventListener('abort', listeners[5]!);
    c.removeEventListener('abort', listeners[6]!);
    // Removing one twice, or one never added, changes nothing.
    c.removeEventListener('abort', listeners[1]!);
    c.removeEventListener('abort', () => {});
    const late = { handleEvent: () => calls.push(10) };
    c.addEventListener('abort', late);
    c.cancel('why');
    expect(calls.sort((a, b) => a - b)).toEqual([0, 2, 3, 4, 10]);
  });

  it('gives a signal made after cancelling the same reason, and ignores late listeners', () => {
    const c = new TaskCancellation();
    c.cancel('late');
    let called = false;
    c.addEventListener('abort', () => {
      called = true;
    });
    expect(c.signal.aborted).toBe(true);
    expect(c.signal.reason).toBe('late');
    expect(called).toBe(false);
  });
});
