// Post-processing of wasm2c's C output: instruction fuel and the stack check.
#pragma once

#include <string>

#include "wstudio/host/result.hpp"

namespace wstudio::host::wasm2c {

// Rewrites generated C so that every function entry runs WSX_FUNC_PROLOGUE (fuel + native stack
// check) and every loop header spends fuel (WSX_FUEL_TICK): every backward jump in wasm2c output
// goes to a loop label, so no loop runs without paying. `definedFunctions` is checked against
// the prologues found, so a different wasm2c output shape fails loudly instead of running
// unmetered.
Result<std::string> addFuelAndStackChecks(const std::string& source, uint32_t definedFunctions);

}  // namespace wstudio::host::wasm2c
