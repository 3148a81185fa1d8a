// WSP_PLUGIN(ClassName, c_identifier); at global scope, once per plugin, after the class:
//   - wasm builds: the extern "C" wsp_* exports of the ABI (ABI-1) and the runtime pieces that
//     keep the module free of imports (wasm_runtime.hpp);
//   - native builds: extern "C" const wsp_plugin_api* wsp_native_plugin_<c_identifier>(void),
//     for hosts, tests and benchmarks that link the plugin into the process.
// It also checks the plugin's info and parameter table at compile time (validate.hpp).
#pragma once

#include "wsp/sdk/exports.hpp"

#if defined(__wasm__)
#include "wsp/sdk/wasm_runtime.hpp"

#define WSP_DETAIL_EXPORT(name) extern "C" __attribute__((export_name(#name)))

#define WSP_PLUGIN(Class, c_identifier)                                                           \
  WSP_DETAIL_WASM_RUNTIME                                                                         \
  WSP_DETAIL_EXPORT(wsp_abi_version) uint32_t wsp_abi_version(void) {                            \
    return ::wsp::sdk::detail::Exports<Class>::abiVersion();                                      \
  }                                                                                               \
  WSP_DETAIL_EXPORT(wsp_descriptor) const char* wsp_descriptor(void) {                            \
    return ::wsp::sdk::detail::Exports<Class>::descriptor();                                      \
  }                                                                                               \
  WSP_DETAIL_EXPORT(wsp_create) wsp_instance* wsp_create(void) {                                  \
    return ::wsp::sdk::detail::Exports<Class>::create();                                          \
  }                                                                                               \
  WSP_DETAIL_EXPORT(wsp_destroy) void wsp_destroy(wsp_instance* i) {                              \
    ::wsp::sdk::detail::Exports<Class>::destroy(i);                                               \
  }                                                                                               \
  WSP_DETAIL_EXPORT(wsp_activate) int32_t wsp_activate(wsp_instance* i, double sr, uint32_t n) {  \
    return ::wsp::sdk::detail::Exports<Class>::activate(i, sr, n);                                \
  }                                                                                               \
  WSP_DETAIL_EXPORT(wsp_deactivate) void wsp_deactivate(wsp_instance* i) {                        \
    ::wsp::sdk::detail::Exports<Class>::deactivate(i);                                            \
  }                                                                                               \
  WSP_DETAIL_EXPORT(wsp_reset) void wsp_reset(wsp_instance* i) {                                  \
    ::wsp::sdk::detail::Exports<Class>::reset(i);                                                 \
  }                                                                                               \
  WSP_DETAIL_EXPORT(wsp_audio_buffer) float* wsp_audio_buffer(wsp_instance* i, uint32_t port,     \
                                                              uint32_t channel) {                 \
    return ::wsp::sdk::detail::Exports<Class>::audioBuffer(i, port, channel);                     \
  }                                                                                               \
  WSP_DETAIL_EXPORT(wsp_event_buffer) wsp_event* wsp_event_buffer(wsp_instance* i) {              \
    return ::wsp::sdk::detail::Exports<Class>::eventBuffer(i);                                    \
  }                                                                                               \
  WSP_DETAIL_EXPORT(wsp_event_capacity) uint32_t wsp_event_capacity(wsp_instance* i) {            \
    return ::wsp::sdk::detail::Exports<Class>::eventCapacity(i);                                  \
  }                                                                                               \
  WSP_DETAIL_EXPORT(wsp_process) int32_t wsp_process(wsp_instance* i, uint32_t frames,            \
                                                     uint32_t events) {                           \
    return ::wsp::sdk::detail::Exports<Class>::process(i, frames, events);                        \
  }                                                                                               \
  WSP_DETAIL_EXPORT(wsp_param_get) double wsp_param_get(wsp_instance* i, uint32_t id) {           \
    return ::wsp::sdk::detail::Exports<Class>::paramGet(i, id);                                   \
  }                                                                                               \
  WSP_DETAIL_EXPORT(wsp_latency) uint32_t wsp_latency(wsp_instance* i) {                          \
    return ::wsp::sdk::detail::Exports<Class>::latency(i);                                        \
  }                                                                                               \
  WSP_DETAIL_EXPORT(wspx_latency_word_address)                                                    \
  const uint32_t* wspx_latency_word_address(wsp_instance* i) {                                    \
    return ::wsp::sdk::detail::Exports<Class>::latencyWordAddress(i);                             \
  }                                                                                               \
  WSP_DETAIL_EXPORT(wsp_tail) uint32_t wsp_tail(wsp_instance* i) {                                \
    return ::wsp::sdk::detail::Exports<Class>::tail(i);                                           \
  }                                                                                               \
  WSP_DETAIL_EXPORT(wsp_state_save) int32_t wsp_state_save(wsp_instance* i) {                     \
    return ::wsp::sdk::detail::Exports<Class>::stateSave(i);                                      \
  }                                                                                               \
  WSP_DETAIL_EXPORT(wsp_state_buffer) uint8_t* wsp_state_buffer(wsp_instance* i, uint32_t size) { \
    return ::wsp::sdk::detail::Exports<Class>::stateBuffer(i, size);                              \
  }                                                                                               \
  WSP_DETAIL_EXPORT(wsp_state_load) int32_t wsp_state_load(wsp_instance* i, uint32_t size) {      \
    return ::wsp::sdk::detail::Exports<Class>::stateLoad(i, size);                                \
  }                                                                                               \
  static_assert(sizeof(Class) > 0, "WSP_PLUGIN(" #Class ", " #c_identifier ")")

#else

#define WSP_PLUGIN(Class, c_identifier)                                                           \
  extern "C" const wsp_plugin_api* wsp_native_plugin_##c_identifier(void) {                       \
    return &::wsp::sdk::detail::Exports<Class>::table;                                            \
  }                                                                                               \
  static_assert(sizeof(Class) > 0, "WSP_PLUGIN(" #Class ", " #c_identifier ")")

#endif
