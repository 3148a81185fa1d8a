#include "processor.h"

VAIstProcessor::VAIstProcessor() {
    reset();
}

void VAIstProcessor::prepare(float sr) {
    sampleRate = sr;
    reset();
}

void VAIstProcessor::reset() {
    state[0] = 0.0f;
    state[1] = 0.0f;
}

void VAIstProcessor::process(float** buffers, int numChannels, int numSamples) {
    const float fc = std::min(cutoff, 0.45f * sampleRate);
    const float a = 1.0f - std::exp(-2.0f * 3.14159265f * fc / sampleRate);
    for (int ch = 0; ch < numChannels && ch < 2; ++ch) {
        for (int i = 0; i < numSamples; ++i) {
            state[ch] += a * (buffers[ch][i] - state[ch]);
            if (std::fabs(state[ch]) < 1e-20f) state[ch] = 0.0f;
            buffers[ch][i] = state[ch];
        }
    }

    for (int ch = 0; ch < numChannels && ch < 2; ++ch) {
        for (int i = 0; i < numSamples; ++i) {
            if (!std::isfinite(buffers[ch][i])) buffers[ch][i] = 0.0f;
            buffers[ch][i] = std::clamp(buffers[ch][i], -1.0f, 1.0f);
        }
    }
}

void VAIstProcessor::set_cutoff(float v) { cutoff = std::clamp(v, 20.0f, 20000.0f); }
float VAIstProcessor::get_cutoff() const { return cutoff; }
