// The plan editor's edits as JSON (docs/forge-plan.md, "Edits"): what the page sends to
// POST /api/v1/forge/plan-edits, one edit per request, applied with plan_edit.hpp's functions so
// the rules live in one place. And the block catalog as JSON, for the editor's "add a block" and
// "make a knob" choices.
#pragma once

#include <string>
#include <string_view>

#include "wstudio/forge/plan_edit.hpp"

namespace wstudio::forge {

// Applies the edit `{"op": "...", ...}` (its text) to the plan. A malformed edit (not an object,
// an unknown op, a member missing or of the wrong type) is refused with rule EDIT and the
// member's path ("$.index"); a well-formed one answers as its plan_edit.hpp function does.
EditErrors applyEditJson(Plan& plan, std::string_view editText);

// {"blocks": [{kind, title, instrument, controls: [{id, name, unit, min, max, default, scale}],
// options: [{id, choices: [...]}]}]} in the catalog's order.
std::string catalogJson();

}  // namespace wstudio::forge
