#pragma once

#include <algorithm>
#include <cmath>
#include <cstring>

// Trim: a gain in dB and a polarity switch.
class VAIstProcessor {
public:
    VAIstProcessor();

    void prepare(float sampleRate);
    void reset();
    void process(float** buffers, int numChannels, int numSamples);

    void set_gain(float v);
    float get_gain() const;
    void set_polarity(float v);
    float get_polarity() const;

private:
    float sampleRate = 44100.0f;
    float gain = -6.0f;     // dB
    float polarity = 0.0f;  // 0 normal, 1 inverted
};
