// A zip writer for tests (header-only, zlib): writes project files as the studio does, and forges
// what a hostile archive would (any name, method, flags, declared size, CRC, or a directory
// record pointing at another entry's bytes).
#pragma once

// The tests name only the members they forge ({.name = ..., .crc = 0}); gcc 12 warns about the
// members left to their defaults in such designated initializers (gcc 13 no longer does).
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace wstudio::project::testing {

struct ForgedEntry {
  std::string name;
  std::string data;                       // the uncompressed bytes
  uint16_t method = 8;                    // 0 stored, 8 deflated; others written as given
  uint16_t flags = 0;
  std::optional<uint64_t> declaredSize;   // what the directory says it inflates to
  std::optional<uint32_t> crc;
  std::optional<std::string> compressed;  // the bytes as written (default: from data)
  bool directoryOnly = false;             // a record pointing at the previous entry's bytes
};

inline std::string deflateRaw(const std::string& data) {
  z_stream stream{};
  deflateInit2(&stream, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, data.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

inline uint32_t crcOf(const std::string& data) {
  return static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
}

inline void put16(std::string& out, uint32_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>((v >> 8) & 0xff);
}
inline void put32(std::string& out, uint32_t v) {
  put16(out, v & 0xffff);
  put16(out, v >> 16);
}

inline std::string forgeZip(const std::vector<ForgedEntry>& entries) {
  std::string body, directory;
  uint32_t lastOffset = 0;
  for (const auto& entry : entries) {
    const std::string stored = entry.compressed ? *entry.compressed : entry.method == 8 ? deflateRaw(entry.data) : entry.data;
    const uint32_t crc = entry.crc.value_or(crcOf(entry.data));
    const auto size = static_cast<uint32_t>(entry.declaredSize.value_or(entry.data.size()));
    const uint16_t flags = entry.flags | 0x800;
    const auto offset = entry.directoryOnly ? lastOffset : static_cast<uint32_t>(body.size());
    if (!entry.directoryOnly) {
      lastOffset = offset;
      put32(body, 0x04034b50);
      put16(body, 20);
      put16(body, flags);
      put16(body, entry.method);
      put32(body, 0);  // time, date
      put32(body, crc);
      put32(body, static_cast<uint32_t>(stored.size()));
      put32(body, size);
      put16(body, static_cast<uint32_t>(entry.name.size()));
      put16(body, 0);
      body += entry.name;
      body += stored;
    }
    put32(directory, 0x02014b50);
    put16(directory, 20);
    put16(directory, 20);
    put16(directory, flags);
    put16(directory, entry.method);
    put32(directory, 0);
    put32(directory, crc);
    put32(directory, static_cast<uint32_t>(stored.size()));
    put32(directory, size);
    put16(directory, static_cast<uint32_t>(entry.name.size()));
    put32(directory, 0);  // extra, comment lengths
    put32(directory, 0);  // disk, internal attributes
    put32(directory, 0);  // external attributes
    put32(directory, offset);
    directory += entry.name;
  }
  std::string out = body + directory;
  put32(out, 0x06054b50);
  put32(out, 0);
  put16(out, static_cast<uint32_t>(entries.size() & 0xffff));
  put16(out, static_cast<uint32_t>(entries.size() & 0xffff));
  put32(out, static_cast<uint32_t>(directory.size()));
  put32(out, static_cast<uint32_t>(body.size()));
  put16(out, 0);
  return out;
}

inline void writeFile(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

inline std::string manifestJson(int version = 1) {
  return "{\"format\": \"wasm-studio-project\", \"version\": " + std::to_string(version) +
         ", \"name\": \"Forged\", \"createdAt\": \"2026-01-01T00:00:00.000Z\"}";
}

}  // namespace wstudio::project::testing
