#pragma once

#include <algorithm>
#include <cmath>
#include <cstring>

// Slap Delay: a short feedback delay. Its generator read the delay time in milliseconds as
// seconds, so at its default the read position lands far outside its fixed buffer.
class VAIstProcessor {
public:
    VAIstProcessor();

    void prepare(float sampleRate);
    void reset();
    void process(float** buffers, int numChannels, int numSamples);

    void set_time(float v);
    float get_time() const;
    void set_feedback(float v);
    float get_feedback() const;

private:
    static constexpr int kMaxDelaySamples = 48000;

    float sampleRate = 44100.0f;
    float time = 120.0f;     // ms
    float feedback = 30.0f;  // %

    float delayBuffer[2][kMaxDelaySamples];
    int writePos = 0;
};
