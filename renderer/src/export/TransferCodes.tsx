import { useEffect, useRef, useState } from 'react';

/**
 * At least this wide, with the four-module quiet zone, and whole pixels a module so that none is smeared: a
 * ten-account code (about 100 modules a side) is then about 430 px, which a phone's camera reads from a laptop screen.
 */
const MIN_SIDE_PX = 360;
const QUIET = 4;

/**
 * Google Authenticator's transfer QR codes, one at a time ("QR 1 of 3"), drawn in a canvas here and never saved. The
 * canvas is cleared when the person moves on or closes the dialog, and the links are dropped with this component.
 */
export function TransferCodes({ links, onFinished }: { links: readonly string[]; onFinished(): void }) {
  const [index, setIndex] = useState(0);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  useEffect(() => {
    const target = canvas.current;
    let live = true;
    if (target) {
      void import('qrcode')
        .then(async ({ create, toCanvas }) => {
          const link = links[index]!;
          const modules = create(link, { errorCorrectionLevel: 'M' }).modules.size + QUIET * 2;
          const scale = Math.max(4, Math.ceil(MIN_SIDE_PX / modules));
          if (live) await toCanvas(target, link, { scale, margin: QUIET, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } });
        })
        .catch(() => {
          if (live) setFailed(true);
        });
    }
    return () => {
      live = false;
      target?.getContext('2d')?.clearRect(0, 0, target.width, target.height);
    };
  }, [links, index]);

  const count = links.length;
  const label = `QR ${index + 1} of ${count}`;
  return (
    <section aria-labelledby="transfer-codes">
      <h3 id="transfer-codes" tabIndex={-1} ref={heading} aria-live="polite">
        {label}
      </h3>
      <p className="hint">In Google Authenticator on your phone: Transfer accounts, Import accounts, then scan each code in turn. Make sure nobody else can see your screen.</p>
      <canvas ref={canvas} role="img" aria-label={`Transfer QR code ${index + 1} of ${count}`} style={{ display: 'block', margin: '0 auto', maxWidth: '100%' }} />
      {failed && <p className="form-error" role="alert">The QR code could not be drawn.</p>}
      <div className="row">
        <button type="button" className="secondary" disabled={index === 0} onClick={() => setIndex(index - 1)}>
          Previous
        </button>
        {index + 1 < count ? (
          <button type="button" onClick={() => setIndex(index + 1)}>
            Next
          </button>
        ) : (
          <button type="button" onClick={onFinished}>
            Done scanning
          </button>
        )}
      </div>
    </section>
  );
}
