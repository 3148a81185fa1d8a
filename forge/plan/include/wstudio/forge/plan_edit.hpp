// Edits of a plan before code is written (the Forge's plan editor): rename, change a range, add
// or remove a block or a parameter. Each edit is all or nothing: it is made on a copy, the copy is
// validated, and the plan changes only if the result is valid. The errors say why not.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "wstudio/forge/plan.hpp"

namespace wstudio::forge {

using EditErrors = std::vector<PlanError>;  // empty: done

EditErrors renamePlugin(Plan& plan, std::string_view name);
EditErrors renameParameter(Plan& plan, std::string_view parameterId, std::string_view name);
EditErrors setParameterRange(Plan& plan, std::string_view parameterId, double min, double max,
                             double defaultValue);
// Inserts a block of `kind` at `position` (0 = first, plan.blocks.size() = last) with its
// default knobs as new parameters.
EditErrors addBlock(Plan& plan, std::string_view kind, size_t position);
// Removes the block and the parameters nothing else uses any more.
EditErrors removeBlock(Plan& plan, size_t index);
// Makes a fixed control of a block a knob, named `name` (its id derived from it), starting at
// the control's current value.
EditErrors addParameter(Plan& plan, size_t blockIndex, std::string_view control, std::string_view name);
// Removes a knob: what it controlled stays fixed at its default value.
EditErrors removeParameter(Plan& plan, std::string_view parameterId);
// Adds a dry/wet knob over the whole chain (effects only).
EditErrors addMix(Plan& plan);
// Moves the block at `from` to `to` (both indices of the chain as it is).
EditErrors moveBlock(Plan& plan, size_t from, size_t to);
// Sets one of a block's options to one of its choices ("character": "tube").
EditErrors setOption(Plan& plan, size_t blockIndex, std::string_view option, std::string_view value);

// Building blocks the generator shares: a C identifier made from a name ("Heat" -> "heat",
// "Hi-Cut 2" -> "hi_cut_2"), and that identifier made unique among the plan's parameters.
// At most maxLength characters, cut at a word boundary when there is one.
std::string identifierFrom(std::string_view name, size_t maxLength = 28);
std::string uniqueParameterId(const Plan& plan, std::string_view base);
// Binds a block's control to a new parameter with the control's unit and limits, returns its id.
std::string exposeControl(Plan& plan, size_t blockIndex, std::string_view control, std::string_view name);

}  // namespace wstudio::forge
