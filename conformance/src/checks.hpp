// The checks. Each returns a one-line summary of what it covered when it passes, and throws
// CheckFailed / CheckSkipped (check_context.hpp) otherwise. conformance/README.md documents
// each one and its tolerance; suite.cpp lists them with their rule ids.
#pragma once

#include <string>

#include "check_context.hpp"
#include "render.hpp"

namespace wstudio::conformance {

std::string checkDescriptor(Context& context);          // ABI-6
std::string checkInstantiation(Context& context);       // ABI-7, ABI-8, ABI-9
std::string checkRatesAndBlocks(Context& context);      // ABI-8, ABI-9
std::string checkImpulseResponse(Context& context);     // ABI-12
std::string checkNoiseStress(Context& context);         // ABI-12, ABI-17
std::string checkParameterExtremes(Context& context);   // ABI-12
std::string checkSineSweeps(Context& context);          // ABI-12
std::string checkEvents(Context& context);              // ABI-10, ABI-11
std::string checkZipperNoise(Context& context);         // ABI-16
std::string checkStateRoundTrip(Context& context);      // ABI-15
std::string checkCorruptState(Context& context);        // ABI-15
std::string checkDeterminism(Context& context);         // ABI-18
std::string checkReset(Context& context);               // ABI-19
std::string checkCreateDestroyMemory(Context& context);   // ABI-7
std::string checkIndependentInstances(Context& context);  // ABI-7
std::string checkLatency(Context& context);             // ABI-13
std::string checkTail(Context& context);                // ABI-13
std::string checkDefaultLoudness(Context& context);     // SAFE-1
std::string checkLatencyWord(Context& context);         // ABI-20
std::string checkNoteOnset(Context& context);           // ABI-11
std::string checkNoteRelease(Context& context);         // ABI-13
std::string checkNoteRange(Context& context);           // ABI-10, ABI-12
std::string checkMidiMessages(Context& context);        // ABI-10, ABI-12

}  // namespace wstudio::conformance
