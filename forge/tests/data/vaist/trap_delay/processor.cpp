#include "processor.h"

VAIstProcessor::VAIstProcessor() {
    reset();
}

void VAIstProcessor::prepare(float sr) {
    sampleRate = sr;
    reset();
}

void VAIstProcessor::reset() {
    std::memset(delayBuffer, 0, sizeof(delayBuffer));
    writePos = 0;
}

void VAIstProcessor::process(float** buffers, int numChannels, int numSamples) {
    const int delaySamples = static_cast<int>(time * sampleRate);  // the defect: ms used as s
    const float fb = feedback / 100.0f;
    for (int i = 0; i < numSamples; ++i) {
        const int readPos = writePos - delaySamples;
        for (int ch = 0; ch < numChannels && ch < 2; ++ch) {
            const float in = buffers[ch][i];
            const float delayed = delayBuffer[ch][readPos];
            delayBuffer[ch][writePos] = in + delayed * fb;
            buffers[ch][i] = 0.5f * (in + delayed);
        }
        writePos = (writePos + 1) % kMaxDelaySamples;
    }

    for (int ch = 0; ch < numChannels && ch < 2; ++ch) {
        for (int i = 0; i < numSamples; ++i) {
            if (!std::isfinite(buffers[ch][i])) buffers[ch][i] = 0.0f;
            buffers[ch][i] = std::clamp(buffers[ch][i], -1.0f, 1.0f);
        }
    }
}

void VAIstProcessor::set_time(float v) { time = std::clamp(v, 1.0f, 500.0f); }
float VAIstProcessor::get_time() const { return time; }
void VAIstProcessor::set_feedback(float v) { feedback = std::clamp(v, 0.0f, 90.0f); }
float VAIstProcessor::get_feedback() const { return feedback; }
