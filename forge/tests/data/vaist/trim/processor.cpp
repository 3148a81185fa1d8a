#include "processor.h"

VAIstProcessor::VAIstProcessor() {
    reset();
}

void VAIstProcessor::prepare(float sr) {
    sampleRate = sr;
    reset();
}

void VAIstProcessor::reset() {}

void VAIstProcessor::process(float** buffers, int numChannels, int numSamples) {
    const float linear = std::pow(10.0f, gain / 20.0f) * (polarity >= 0.5f ? -1.0f : 1.0f);
    for (int ch = 0; ch < numChannels && ch < 2; ++ch) {
        for (int i = 0; i < numSamples; ++i) {
            float y = buffers[ch][i] * linear;
            if (!std::isfinite(y)) y = 0.0f;
            buffers[ch][i] = std::clamp(y, -1.0f, 1.0f);
        }
    }
}

void VAIstProcessor::set_gain(float v) { gain = std::clamp(v, -24.0f, 12.0f); }
float VAIstProcessor::get_gain() const { return gain; }
void VAIstProcessor::set_polarity(float v) { polarity = std::clamp(std::round(v), 0.0f, 1.0f); }
float VAIstProcessor::get_polarity() const { return polarity; }
