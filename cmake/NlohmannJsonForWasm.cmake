# nlohmann_json::nlohmann_json for the WebAssembly build (WSTUDIO_WASM), where the toolchain
# (wasm32-wasi.cmake) keeps find_* away from the build machine's /usr/include so that no glibc
# header can shadow wasi-libc's. The library is header-only: this exposes the system's
# nlohmann/ folder alone, through a link in the build tree, as the same imported target the
# native build gets from find_package (which then finds this package config first).
find_path(WSTUDIO_NLOHMANN_INCLUDE nlohmann/json.hpp PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH
          NO_DEFAULT_PATH REQUIRED)
set(_wstudio_nlohmann_root ${CMAKE_BINARY_DIR}/nlohmann_json_for_wasm)
file(MAKE_DIRECTORY ${_wstudio_nlohmann_root}/include)
file(CREATE_LINK ${WSTUDIO_NLOHMANN_INCLUDE}/nlohmann ${_wstudio_nlohmann_root}/include/nlohmann
     SYMBOLIC)
file(WRITE ${_wstudio_nlohmann_root}/nlohmann_jsonConfig.cmake
"if(NOT TARGET nlohmann_json::nlohmann_json)
  add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
  set_target_properties(nlohmann_json::nlohmann_json PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES ${_wstudio_nlohmann_root}/include)
endif()
")
set(nlohmann_json_DIR ${_wstudio_nlohmann_root} CACHE PATH "nlohmann_json for wasm32" FORCE)
