// The master level: two bars (left, right) drawn on a canvas at display rate from the peaks the
// worklet publishes, green to yellow to red, with a numeric peak-hold readout and "Clip" as
// text (colour is never the only carrier of meaning).
import { memo } from 'react';

import { STATE_PEAK_LEFT, STATE_PEAK_RIGHT } from '../../shared/engine-protocol';
import { useLevelMeter } from './level-meter';

const LOOK = { vertical: false, background: '#272c36' };

export const MasterMeter = memo(function MasterMeter({ state }: { state: Float64Array }) {
  const { canvas, readout, clip } = useLevelMeter(() => [state[STATE_PEAK_LEFT], state[STATE_PEAK_RIGHT]], LOOK, [state]);

  return (
    <div className="meter" role="group" aria-label="Master level">
      <span className="meter-label">Master</span>
      <canvas ref={canvas} className="meter-bars" width={240} height={18} aria-hidden="true" />
      <span ref={readout} className="meter-readout" aria-label="Master peak">-inf dB</span>
      <span ref={clip} className="meter-clip" hidden>Clip</span>
    </div>
  );
});
