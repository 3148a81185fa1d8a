# wsp_add_plugin(NAME <name> SOURCES <files...>)
#
# One plugin, two builds:
#  - wasm (WSTUDIO_WASM=ON): the module ${CMAKE_BINARY_DIR}/plugins/<name>.wasm, which the native
#    build finds as ${WSTUDIO_WASM_PLUGIN_DIR}/<name>.wasm;
#  - native: the static library wsp_plugin_<name>, whose WSP_PLUGIN(Class, <name>) provides
#    extern "C" const wsp_plugin_api* wsp_native_plugin_<name>(void).
# The target is called wsp_plugin_<name> in both builds. Sources use <wsp/sdk.hpp>; the SDK's
# WSP_PLUGIN macro supplies the exports and keeps the module free of imports (ABI-4).
function(wsp_add_plugin)
  cmake_parse_arguments(PARSE_ARGV 0 WSP "" "NAME" "SOURCES")
  if(NOT WSP_NAME OR NOT WSP_SOURCES)
    message(FATAL_ERROR "wsp_add_plugin: NAME and SOURCES are required")
  endif()
  if(NOT WSP_NAME MATCHES "^[a-z][a-z0-9_]*$")
    message(FATAL_ERROR "wsp_add_plugin: NAME '${WSP_NAME}' must be a C identifier in lower case "
                        "(it names the native entry point wsp_native_plugin_${WSP_NAME})")
  endif()
  set(target wsp_plugin_${WSP_NAME})

  if(WSTUDIO_WASM)
    add_executable(${target} ${WSP_SOURCES})
    set_target_properties(${target} PROPERTIES
      OUTPUT_NAME ${WSP_NAME}
      SUFFIX .wasm
      RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/plugins)
  else()
    add_library(${target} STATIC ${WSP_SOURCES})
  endif()
  target_link_libraries(${target} PRIVATE wsp_sdk)
  target_include_directories(${target} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
endfunction()
