// Build (clean export names, no glue):
// emcc processor.cpp bindings.cpp -O3 --no-entry -s STANDALONE_WASM=1 -s INITIAL_MEMORY=1048576
//   -s ALLOW_MEMORY_GROWTH=0 -s EXPORTED_FUNCTIONS=[...] -o vaist-processor.wasm
#include <emscripten.h>
#include "processor.h"

static VAIstProcessor processor;
static bool initialised = false;

extern "C" {

EMSCRIPTEN_KEEPALIVE void prepare(float sampleRate) {
    processor.prepare(sampleRate);
    initialised = true;
}

EMSCRIPTEN_KEEPALIVE void reset() {
    processor.reset();
}

EMSCRIPTEN_KEEPALIVE void destroy() {
    processor.reset();
    initialised = false;
}

EMSCRIPTEN_KEEPALIVE void process(int inL, int inR, int outL, int outR, int n) {
    float* inputL = reinterpret_cast<float*>(inL);
    float* inputR = reinterpret_cast<float*>(inR);
    float* outputL = reinterpret_cast<float*>(outL);
    float* outputR = reinterpret_cast<float*>(outR);
    std::memcpy(outputL, inputL, n * sizeof(float));
    std::memcpy(outputR, inputR, n * sizeof(float));
    float* buffers[2] = {outputL, outputR};
    processor.process(buffers, 2, n);
}

EMSCRIPTEN_KEEPALIVE void set_gain(float v) { processor.set_gain(v); }
EMSCRIPTEN_KEEPALIVE float get_gain() { return processor.get_gain(); }
EMSCRIPTEN_KEEPALIVE void set_polarity(float v) { processor.set_polarity(v); }
EMSCRIPTEN_KEEPALIVE float get_polarity() { return processor.get_polarity(); }

}
