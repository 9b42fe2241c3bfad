import { describe, expect, it, vi } from 'vitest';
import { createLocalModel } from '../src/index.js';

describe('README', () => {
  it('runs the example', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    // --- README example ---
    const model = createLocalModel();
    const result = await model.generate({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Classify into: billing, outage, account\n\nI was charged twice.' },
          ],
        },
      ],
    });
    console.log(result.content); // [{ type: 'text', text: 'billing' }]
    // --- end ---
    expect(log).toHaveBeenCalledWith([{ type: 'text', text: 'billing' }]);
    log.mockRestore();
  });
});
