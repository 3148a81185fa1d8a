#include "processor.h"

VAIstProcessor::VAIstProcessor() {
    reset();
}

void VAIstProcessor::prepare(float sr) {
    sampleRate = sr;
    reset();
}

void VAIstProcessor::reset() {
    phase = 0.0f;
}

void VAIstProcessor::process(float** buffers, int numChannels, int numSamples) {
    for (int i = 0; i < numSamples; ++i) {
        const float lfo = 0.5f + 0.5f * std::sin(phase) * depthAmount;
        phase += 6.2831853f * rate / sampleRate;
        for (int ch = 0; ch < numChannels && ch < 2; ++ch) buffers[ch][i] *= lfo;
    }
}

void VAIstProcessor::set_rate(float v) { rate = std::clamp(v, 0.05f, 5.0f); }
float VAIstProcessor::get_rate() const { return rate; }
