/*
 * WSP — the WASM Studio Plugin ABI, version 1.0.
 *
 * This header is the whole contract between a plugin (a WebAssembly module) and a host (the
 * studio's AudioWorklet engine, the native wasm2c host, `vaist`). docs/plugin-abi.md states the
 * rules (ABI-1 ... ABI-n) that the conformance suite checks; the comments here name them.
 *
 * Thread tags, after CLAP:
 *   [main]  the host's control thread. Never runs while [audio] runs on the same instance.
 *   [audio] the real-time thread. Must not allocate, lock, do I/O or unbounded work.
 *   [any]   either; the host still never calls one instance from two threads at once (ABI-14).
 *
 * Pointers are offsets into the plugin module's own linear memory (32-bit in wasm32). The module
 * exports its memory as "memory" (ABI-3). A host re-reads the memory base after every call,
 * because memory may grow; offsets returned here stay valid as the rules say.
 *
 * Every record is made of fixed-width fields so that a 64-bit native build of the same plugin
 * (used for tests and benchmarks) has the very same layout.
 */
#ifndef WSP_PLUGIN_H
#define WSP_PLUGIN_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WSP_ABI_VERSION_MAJOR 1u
#define WSP_ABI_VERSION_MINOR 0u
/* Major in the high 16 bits. A host accepts a plugin whose major equals its own (ABI-2). */
#define WSP_ABI_VERSION ((WSP_ABI_VERSION_MAJOR << 16) | WSP_ABI_VERSION_MINOR)

/* Limits (ABI-4, ABI-5, ABI-9). */
#define WSP_MAX_MEMORY_BYTES (64u * 1024u * 1024u) /* memory ceiling per module instance */
#define WSP_MAX_DESCRIPTOR_BYTES (64u * 1024u)     /* descriptor JSON, NUL excluded */
#define WSP_MAX_BLOCK_FRAMES 4096u                 /* largest max_frames a host may ask for */
#define WSP_MIN_EVENT_CAPACITY 256u                /* event buffer holds at least this many */
#define WSP_MAX_CHANNELS 8u                        /* per port */

/* Status codes returned by functions that can fail. */
#define WSP_OK 0
#define WSP_ERR_INVALID_ARGUMENT (-1)
#define WSP_ERR_OUT_OF_MEMORY (-2)
#define WSP_ERR_BAD_STATE (-3) /* e.g. process before activate */
#define WSP_ERR_BAD_DATA (-4)  /* state bytes the plugin cannot read */

/* Audio ports for wsp_audio_buffer. */
#define WSP_PORT_INPUT 0u
#define WSP_PORT_OUTPUT 1u

/* Event types (ABI-10). Unknown types are ignored by plugins (forward compatibility). */
#define WSP_EVENT_PARAM 1u     /* sample-accurate parameter change, plain units */
#define WSP_EVENT_NOTE_ON 2u   /* note start */
#define WSP_EVENT_NOTE_OFF 3u  /* note release */
#define WSP_EVENT_MIDI 4u      /* any other MIDI 1.0 channel message: CC, pitch bend, pressure */
#define WSP_EVENT_TRANSPORT 5u /* tempo, position and play state from this frame on */

/* Transport flags. */
#define WSP_TRANSPORT_PLAYING 1u
#define WSP_TRANSPORT_LOOPING 2u

/* One event: 8-byte header plus a 24-byte payload, 32 bytes in all, 8-byte aligned. */
typedef struct wsp_event {
  uint32_t frame; /* offset into the block, < frames; events are sorted by frame (ABI-11) */
  uint16_t type;  /* WSP_EVENT_* */
  uint16_t flags; /* reserved, 0 */
  union {
    struct {
      uint32_t id; /* parameter id from the descriptor */
      uint32_t reserved;
      double value; /* plain units (Hz, dB, ms, index of a choice...), clamped by the plugin */
    } param;
    struct {
      uint16_t channel;  /* 0..15 */
      uint16_t key;      /* 0..127, 60 = middle C */
      float velocity;    /* 0..1; a NOTE_OFF's release velocity */
      int32_t note_id;   /* host-assigned, or -1 */
    } note;
    struct {
      uint8_t bytes[3]; /* status, data1, data2 */
      uint8_t reserved;
    } midi;
    struct {
      double tempo_bpm;    /* > 0 */
      double position_beats; /* song position in quarter notes at this frame */
      uint16_t time_sig_numerator;
      uint16_t time_sig_denominator;
      uint32_t flags; /* WSP_TRANSPORT_* */
    } transport;
    uint8_t raw[24];
  } u;
} wsp_event;

/* Opaque instance handle: an offset into the plugin's memory, never 0 for a live instance. */
typedef struct wsp_instance wsp_instance;

/* ---------------------------------------------------------------------------------------------
 * Exports. A module exports every function below under exactly these names (ABI-1), plus
 * "memory", plus optionally "_initialize" (called once by the host right after instantiation).
 * ------------------------------------------------------------------------------------------- */

/* [any] WSP_ABI_VERSION of the plugin. */
uint32_t wsp_abi_version(void);

/* [any] The descriptor: NUL-terminated UTF-8 JSON in static storage (ABI-6, schema in the doc). */
const char* wsp_descriptor(void);

/* [main] A new instance with every parameter at its default, or 0 when out of memory. A module
 * supports any number of live instances (ABI-7). */
wsp_instance* wsp_create(void);

/* [main] Frees everything the instance owns. Deactivates first if needed. */
void wsp_destroy(wsp_instance* instance);

/* [main] Prepares processing at sample_rate (8000..384000) for blocks of 1..max_frames frames
 * (max_frames <= WSP_MAX_BLOCK_FRAMES). Allocates buffers; may be called again after
 * wsp_deactivate with other values. Parameter values survive re-activation (ABI-8). */
int32_t wsp_activate(wsp_instance* instance, double sample_rate, uint32_t max_frames);

/* [main] Releases what wsp_activate allocated. Offsets from wsp_audio_buffer become invalid. */
void wsp_deactivate(wsp_instance* instance);

/* [audio] Clears all signal state (delay lines, envelopes, voices, smoothers jump to their
 * targets) without changing parameter values. Used after a seek or a stop. */
void wsp_reset(wsp_instance* instance);

/* [main, active] Non-interleaved float32 buffer of max_frames samples for one channel of a port,
 * owned by the plugin, valid until wsp_deactivate (ABI-9). The host writes inputs before
 * wsp_process and reads outputs after it. Inputs and outputs never alias. */
float* wsp_audio_buffer(wsp_instance* instance, uint32_t port, uint32_t channel);

/* [main, active] The plugin-owned event array the host fills before wsp_process, and how many
 * records it holds (>= WSP_MIN_EVENT_CAPACITY). A host with more events splits the block. */
wsp_event* wsp_event_buffer(wsp_instance* instance);
uint32_t wsp_event_capacity(wsp_instance* instance);

/* [audio, active] Renders `frames` (1..max_frames) frames, applying the first event_count events
 * of the event buffer at their frames. frames == 0 only applies the events (a "flush": the way a
 * host sets parameters while not playing). Outputs are finite and free of denormals (ABI-12). */
int32_t wsp_process(wsp_instance* instance, uint32_t frames, uint32_t event_count);

/* [any] Current plain value of a parameter (the target, not the smoothed value); NaN for an
 * unknown id. */
double wsp_param_get(wsp_instance* instance, uint32_t param_id);

/* [any, active] Latency in frames that the plugin adds at the current sample rate (for delay
 * compensation), and the tail in frames after input stops (UINT32_MAX: infinite). ABI-13. A host
 * asks for the latency after every wsp_process call, on the audio thread, to keep delay
 * compensation current: both must be real-time safe (no allocation, locks or I/O). */
uint32_t wsp_latency(wsp_instance* instance);
uint32_t wsp_tail(wsp_instance* instance);

/* [main] State as bytes (ABI-15). wsp_state_save serialises parameters and any other state into
 * the instance's state buffer and returns its length (< 0 on failure). wsp_state_buffer returns
 * that buffer, grown to at least min_size bytes (0 when out of memory); the host reads the saved
 * bytes from it, or writes bytes into it and calls wsp_state_load(size). Loading state saved by
 * the same plugin id restores identical behaviour; foreign or corrupt bytes return
 * WSP_ERR_BAD_DATA and change nothing. */
int32_t wsp_state_save(wsp_instance* instance);
uint8_t* wsp_state_buffer(wsp_instance* instance, uint32_t min_size);
int32_t wsp_state_load(wsp_instance* instance, uint32_t size);

/* ---------------------------------------------------------------------------------------------
 * Extensions (the descriptor's "extensions"): optional exports named wspx_<name>_*, which a host
 * uses only when the descriptor lists the extension's id.
 * ------------------------------------------------------------------------------------------- */

/* wsp.latency-word/1 (ABI-20). [main] After wsp_activate: the address of a 4-byte-aligned
 * uint32 in the plugin's memory that, whenever no call into the instance is running, holds what
 * wsp_latency would return. Valid until wsp_deactivate or wsp_destroy. A host may read it after
 * each wsp_process instead of calling wsp_latency: in the browser that is one call less from
 * JavaScript into the plugin per block. */
#define WSP_EXT_LATENCY_WORD "wsp.latency-word/1"
const uint32_t* wspx_latency_word_address(wsp_instance* instance);

/* ---------------------------------------------------------------------------------------------
 * Imports (ABI-4). A module may import nothing but these, from module "wsp_host". It must not
 * import its memory.
 * ------------------------------------------------------------------------------------------- */

/* [any] A diagnostic line (UTF-8, not NUL-terminated) for the developer console. Never on the
 * audio thread in a release build: hosts may drop or rate-limit it. */
#if defined(__wasm__)
__attribute__((import_module("wsp_host"), import_name("log")))
#endif
void wsp_host_log(const char* message, uint32_t length);

/* ---------------------------------------------------------------------------------------------
 * The same exports as a table, for hosts that link a plugin natively (tests, benchmarks, offline
 * tools). A plugin built natively by the SDK hands one out; nothing in the wasm contract uses it.
 * ------------------------------------------------------------------------------------------- */
typedef struct wsp_plugin_api {
  uint32_t (*abi_version)(void);
  const char* (*descriptor)(void);
  wsp_instance* (*create)(void);
  void (*destroy)(wsp_instance*);
  int32_t (*activate)(wsp_instance*, double, uint32_t);
  void (*deactivate)(wsp_instance*);
  void (*reset)(wsp_instance*);
  float* (*audio_buffer)(wsp_instance*, uint32_t, uint32_t);
  wsp_event* (*event_buffer)(wsp_instance*);
  uint32_t (*event_capacity)(wsp_instance*);
  int32_t (*process)(wsp_instance*, uint32_t, uint32_t);
  double (*param_get)(wsp_instance*, uint32_t);
  uint32_t (*latency)(wsp_instance*);
  uint32_t (*tail)(wsp_instance*);
  int32_t (*state_save)(wsp_instance*);
  uint8_t* (*state_buffer)(wsp_instance*, uint32_t);
  int32_t (*state_load)(wsp_instance*, uint32_t);
} wsp_plugin_api;

#ifdef __cplusplus
} /* extern "C" */
static_assert(sizeof(wsp_event) == 32, "wsp_event is 32 bytes on every target");
static_assert(alignof(wsp_event) == 8, "wsp_event is 8-byte aligned on every target");
#else
_Static_assert(sizeof(wsp_event) == 32, "wsp_event is 32 bytes on every target");
#endif

#endif /* WSP_PLUGIN_H */
