// The bodies of `vaist plugin info` and `vaist plugin validate`, once arguments are parsed.
#pragma once

#include <string>

namespace vaist {

enum class InfoOutput { Readable, Json, Manifest };
int runPluginInfo(const std::string& file, InfoOutput output);
int runPluginValidate(const std::string& file, bool quick, bool json);

}  // namespace vaist
