// The generated unit sdk_bundle_data.cpp (embed_sdk.cmake) defines sdkFiles() from this.
#pragma once

#include <span>
#include <string_view>

#include "wstudio/forge/toolchain.hpp"
