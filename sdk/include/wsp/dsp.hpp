// The WSP DSP building-block library, header-only, namespace wsp::dsp. Include this or single
// blocks from wsp/dsp/. Everything reachable from a per-sample or per-block call is real-time
// safe (no allocation, locks or I/O); only prepare()-style calls marked [main] allocate, and
// they return false when out of memory rather than trap (heap_array.hpp says why).
#pragma once

#include "wsp/dsp/adsr.hpp"
#include "wsp/dsp/allpass_diffuser.hpp"
#include "wsp/dsp/biquad.hpp"
#include "wsp/dsp/block_delay.hpp"
#include "wsp/dsp/delay_line.hpp"
#include "wsp/dsp/envelope_follower.hpp"
#include "wsp/dsp/halfband.hpp"
#include "wsp/dsp/heap_array.hpp"
#include "wsp/dsp/lfo.hpp"
#include "wsp/dsp/math.hpp"
#include "wsp/dsp/noise.hpp"
#include "wsp/dsp/one_pole.hpp"
#include "wsp/dsp/oscillator.hpp"
#include "wsp/dsp/oversampler.hpp"
#include "wsp/dsp/pan.hpp"
#include "wsp/dsp/quadrature_lfo.hpp"
#include "wsp/dsp/random.hpp"
#include "wsp/dsp/smoother.hpp"
#include "wsp/dsp/svf.hpp"
#include "wsp/dsp/waveshaper.hpp"
