#pragma once

#include <algorithm>
#include <cmath>
#include <cstring>

// Flanger: what its generator wrote. It does not compile: process() uses `depthAmount`, a
// parameter the class never declared.
class VAIstProcessor {
public:
    VAIstProcessor();

    void prepare(float sampleRate);
    void reset();
    void process(float** buffers, int numChannels, int numSamples);

    void set_rate(float v);
    float get_rate() const;

private:
    float sampleRate = 44100.0f;
    float rate = 0.5f;  // Hz
    float phase = 0.0f;
};
