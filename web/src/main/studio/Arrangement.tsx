// The arrangement, read-only for now: track headers (colour, name, kind, inserts) on the left;
// on the right the ruler (bars, markers, the loop region), each track's clips, and the playhead,
// moved at display rate from the engine's position. Colour is never the only carrier: names are
// text.
import { useEffect, useRef } from 'react';

import { STATE_POSITION } from '../../shared/engine-protocol';
import type { SessionInfo } from '../audio/session-assets';

const PIXELS_PER_BEAT = 28;

export function Arrangement({ info, state, sampleRate }: { info: SessionInfo; state: Float64Array; sampleRate: number }) {
  const playhead = useRef<HTMLDivElement>(null);
  const beatsPerBar = info.timeSignature.numerator * (4 / info.timeSignature.denominator);
  const lastBeat = Math.max(beatsPerBar, ...info.tracks.flatMap((t) => t.clips.map((c) => c.start + c.length)));
  const bars = Math.ceil(lastBeat / beatsPerBar) + 1;
  const width = bars * beatsPerBar * PIXELS_PER_BEAT;

  useEffect(() => {
    let frame = 0;
    let shown = -1;
    const move = () => {
      frame = requestAnimationFrame(move);
      const position = state[STATE_POSITION];
      if (position === shown || playhead.current === null) return;
      shown = position;
      const beats = (position / sampleRate) * (info.tempo / 60);
      playhead.current.style.transform = `translateX(${beats * PIXELS_PER_BEAT}px)`;
    };
    frame = requestAnimationFrame(move);
    return () => cancelAnimationFrame(frame);
  }, [state, info, sampleRate]);

  const x = (beats: number) => beats * PIXELS_PER_BEAT;
  return (
    <div className="arrangement-grid">
      <div className="track-headers">
        <div className="ruler-corner" />
        {info.tracks.map((track) => (
          <div key={track.id} className="track-header">
            <span className="track-colour" style={{ background: track.colour }} aria-hidden="true" />
            <span className="track-name">{track.name}</span>
            <span className="track-kind">{track.kind}, {track.inserts} {track.inserts === 1 ? 'insert' : 'inserts'}</span>
          </div>
        ))}
      </div>
      <div className="timeline" aria-label="Timeline">
        <div className="timeline-inner" style={{ width }}>
          <div className="ruler" aria-hidden="true">
            {info.loop?.enabled ? (
              <div className="loop-region" style={{ left: x(info.loop.start), width: x(info.loop.end - info.loop.start) }} />
            ) : null}
            {Array.from({ length: bars }, (_, bar) => (
              <span key={bar} className="bar-number" style={{ left: x(bar * beatsPerBar) }}>{bar + 1}</span>
            ))}
            {info.markers.map((marker) => (
              <span key={marker.id} className="marker" style={{ left: x(marker.time) }}>{marker.name}</span>
            ))}
          </div>
          {info.tracks.map((track) => (
            <div key={track.id} className="lane" role="list" aria-label={`${track.name} clips`}>
              {track.clips.map((clip) => (
                <div key={clip.id} role="listitem" className={`clip${clip.muted ? ' muted' : ''}`}
                  style={{ left: x(clip.start), width: x(clip.length), borderColor: track.colour }}>
                  {clip.label}
                </div>
              ))}
            </div>
          ))}
          <div ref={playhead} className="playhead" aria-hidden="true" />
        </div>
      </div>
    </div>
  );
}
