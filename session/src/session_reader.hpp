// Builds a Session from the parsed JSON document (after the format and version were checked),
// reporting shape problems: missing members, wrong types, unknown enum spellings, too many
// items. Value rules (ranges, references) are the validator's. Every array element yields a model
// element, even a broken one, so model indices equal JSON indices and the validator's paths
// match the file.
#pragma once

#include "object_reader.hpp"
#include "wstudio/session/model.hpp"

namespace wstudio::session::detail {

Session readSession(ObjectReader& root);

}  // namespace wstudio::session::detail
