// An id for a build or a generation: 128 random bits as 32 hex digits, unguessable, so that
// knowing one id tells nothing of another user's (FC-10).
#pragma once

#include <string>

namespace wstudio::forge {

std::string randomId();

}  // namespace wstudio::forge
