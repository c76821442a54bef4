import { describe, expect, it } from 'vitest';
import { captureErrorMessage } from './media-errors.js';

const error = (name: string) => new DOMException('details from the browser', name);

describe('captureErrorMessage', () => {
  it('says what went wrong with the camera, by the standard error names', () => {
    expect(captureErrorMessage('camera', error('NotAllowedError'))).toMatch(/^Camera access was not allowed/);
    expect(captureErrorMessage('camera', error('NotFoundError'))).toMatch(/^No camera was found/);
    expect(captureErrorMessage('camera', error('OverconstrainedError'))).toMatch(/^No camera was found/);
    expect(captureErrorMessage('camera', error('NotReadableError'))).toMatch(/^The camera is busy/);
    expect(captureErrorMessage('camera', new Error('?'))).toMatch(/^The camera could not be started/);
  });

  it('says what went wrong with a screen capture', () => {
    expect(captureErrorMessage('screen', error('NotAllowedError'))).toMatch(/^Screen capture was cancelled or not allowed/);
    expect(captureErrorMessage('screen', error('NotReadableError'))).toMatch(/system may be blocking screen recording/);
    expect(captureErrorMessage('screen', 'nonsense')).toMatch(/^The screen could not be captured/);
  });

  it('never passes the browser\'s own wording through', () => {
    for (const name of ['NotAllowedError', 'NotFoundError', 'NotReadableError', 'AbortError', 'TypeError']) {
      expect(captureErrorMessage('camera', error(name))).not.toContain('details from the browser');
      expect(captureErrorMessage('screen', error(name))).not.toContain('details from the browser');
    }
  });
});
