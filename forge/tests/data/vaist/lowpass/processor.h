#pragma once

#include <algorithm>
#include <cmath>
#include <cstring>

// Soft Low-Pass: a one-pole low-pass with its cutoff in Hz.
class VAIstProcessor {
public:
    VAIstProcessor();

    void prepare(float sampleRate);
    void reset();
    void process(float** buffers, int numChannels, int numSamples);

    void set_cutoff(float v);
    float get_cutoff() const;

private:
    float sampleRate = 44100.0f;
    float cutoff = 500.0f;  // Hz
    float state[2] = {0.0f, 0.0f};
};
