#include "wstudio/project/zip_archive.hpp"

#include <zlib.h>

#include <algorithm>
#include <map>

#include "wstudio/project/project_format.hpp"

namespace wstudio::project {
namespace {

constexpr uint32_t kEndSignature = 0x06054b50;
constexpr uint32_t kZip64LocatorSignature = 0x07064b50;
constexpr uint32_t kCentralSignature = 0x02014b50;
constexpr uint32_t kLocalSignature = 0x04034b50;
constexpr uint64_t kEndSize = 22;
constexpr uint64_t kCentralSize = 46;
constexpr uint64_t kLocalSize = 30;
constexpr uint64_t kMaxComment = 0xffff;
constexpr std::size_t kInflateStep = 64 * 1024;

uint16_t u16(const std::string& bytes, std::size_t at) {
  return static_cast<uint16_t>(static_cast<uint8_t>(bytes[at]) | static_cast<uint8_t>(bytes[at + 1]) << 8);
}
uint32_t u32(const std::string& bytes, std::size_t at) {
  return static_cast<uint32_t>(u16(bytes, at)) | static_cast<uint32_t>(u16(bytes, at + 2)) << 16;
}

// A name as messages show it: quoted, control characters as \xNN, cut after 200 bytes.
std::string shownName(const std::string& name) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string shown = "\"";
  for (std::size_t i = 0; i < name.size() && i < 200; ++i) {
    const auto c = static_cast<uint8_t>(name[i]);
    if (c < 0x20 || c == 0x7f) {
      shown += "\\x";
      shown += kHex[c >> 4];
      shown += kHex[c & 0xf];
    } else {
      shown += static_cast<char>(c);
    }
  }
  return shown + (name.size() > 200 ? "...\"" : "\"");
}

[[noreturn]] void refuse(const std::string& message) { throw ProjectFileError(message); }

bool validUtf8(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<uint8_t>(text[i]);
    const std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<uint8_t>(text[i + k]) & 0xc0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

std::string lowerAscii(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return text;
}

}  // namespace

std::optional<std::string> entryNameProblem(const std::string& name) {
  if (name.empty()) return "an empty name";
  if (name.find('\\') != std::string::npos) return "a backslash";
  if (name.front() == '/') return "an absolute path";
  for (const char c : name) {
    if (static_cast<uint8_t>(c) < 0x20 || c == 0x7f || c == ':') return "a control character or a colon";
  }
  const std::string body = name.back() == '/' ? name.substr(0, name.size() - 1) : name;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = body.find('/', start);
    const std::string part = body.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part.empty() || part == "." || part == "..") return "an empty, \".\" or \"..\" part";
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return std::nullopt;
}

ZipArchive::ZipArchive(const std::filesystem::path& file) : in_(file, std::ios::binary) {
  if (!in_) refuse("cannot read " + file.string() + ": no such file or not readable");
  in_.seekg(0, std::ios::end);
  fileSize_ = static_cast<uint64_t>(in_.tellg());
  readDirectory();
}

std::string ZipArchive::bytesAt(uint64_t offset, uint64_t size) {
  if (offset > fileSize_ || size > fileSize_ - offset) refuse("a damaged zip archive (a record points past its end)");
  std::string bytes(size, '\0');
  in_.clear();
  in_.seekg(static_cast<std::streamoff>(offset));
  in_.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<uint64_t>(in_.gcount()) != size) refuse("a damaged zip archive (cannot read it through)");
  return bytes;
}

void ZipArchive::readDirectory() {
  if (fileSize_ < kEndSize) refuse("not a zip archive (too short)");
  const uint64_t tailStart = fileSize_ - std::min(fileSize_, kEndSize + kMaxComment);
  const std::string tail = bytesAt(tailStart, fileSize_ - tailStart);
  std::optional<std::size_t> end;
  for (std::size_t at = tail.size() - kEndSize + 1; at-- > 0;) {
    if (u32(tail, at) == kEndSignature && at + kEndSize + u16(tail, at + 20) == tail.size()) {
      end = at;
      break;
    }
  }
  if (!end) refuse("not a zip archive (no end of central directory)");
  if (*end >= 20 && u32(tail, *end - 20) == kZip64LocatorSignature)
    refuse("a ZIP64 archive: project files are plain zip archives (2 GiB at most, PF-3)");
  const uint16_t disk = u16(tail, *end + 4);
  const uint16_t directoryDisk = u16(tail, *end + 6);
  const uint16_t entriesHere = u16(tail, *end + 8);
  const uint16_t count = u16(tail, *end + 10);
  const uint32_t directorySize = u32(tail, *end + 12);
  const uint32_t directoryOffset = u32(tail, *end + 16);
  if (disk != 0 || directoryDisk != 0 || entriesHere != count)
    refuse("a multi-part zip archive: join the parts into one file first");
  if (count > kMaxEntries) {
    refuse(std::to_string(count) + " entries: more than the limit of " + std::to_string(kMaxEntries) +
           " entries (PF-3)");
  }
  if (directorySize > kMaxCentralDirectoryBytes) {
    refuse("a central directory of " + std::to_string(directorySize) + " bytes: more than the limit of " +
           std::to_string(kMaxCentralDirectoryBytes) + " (PF-3)");
  }
  const uint64_t directoryEnd = tailStart + *end;
  if (uint64_t{directoryOffset} + directorySize != directoryEnd)
    refuse("a damaged zip archive (the central directory is not where its end record says)");
  const std::string directory = bytesAt(directoryOffset, directorySize);

  std::map<std::string, std::string> seen;  // lower-cased name -> name
  uint64_t total = 0;
  std::size_t at = 0;
  for (uint32_t index = 0; index < count; ++index) {
    if (at + kCentralSize > directory.size() || u32(directory, at) != kCentralSignature)
      refuse("a damaged zip archive (a central directory record is cut or missing)");
    const uint16_t flags = u16(directory, at + 8);
    ZipEntry entry;
    entry.method = u16(directory, at + 10);
    entry.crc = u32(directory, at + 16);
    entry.compressedSize = u32(directory, at + 20);
    entry.size = u32(directory, at + 24);
    const uint16_t nameLength = u16(directory, at + 28);
    const uint16_t extraLength = u16(directory, at + 30);
    const uint16_t commentLength = u16(directory, at + 32);
    entry.localHeaderOffset = u32(directory, at + 42);
    if (at + kCentralSize + nameLength + extraLength + commentLength > directory.size())
      refuse("a damaged zip archive (a central directory record is cut)");
    if (nameLength > kMaxNameBytes) {
      refuse("an entry name of " + std::to_string(nameLength) + " bytes: more than " +
             std::to_string(kMaxNameBytes) + " (PF-1)");
    }
    entry.name = directory.substr(at + kCentralSize, nameLength);
    at += kCentralSize + nameLength + extraLength + commentLength;
    if (!validUtf8(entry.name))
      refuse("entry " + std::to_string(index + 1) + " has a name that is not UTF-8 (PF-1)");

    const std::string& name = entry.name;
    if (const auto problem = entryNameProblem(name))
      refuse("entry " + shownName(name) + " has " + *problem + ": it would be outside the project (PF-1)");
    if ((flags & 0x41) != 0) refuse("entry " + shownName(name) + " is encrypted (PF-1)");
    if (entry.method != 0 && entry.method != 8) {
      refuse("entry " + shownName(name) + " uses compression method " + std::to_string(entry.method) +
             ": only stored (0) and deflated (8) are read (PF-1)");
    }
    const auto [earlier, fresh] = seen.emplace(lowerAscii(name), name);
    if (!fresh) {
      refuse("entry " + shownName(name) + " is in the archive twice" +
             (earlier->second == name ? "" : " (as " + shownName(earlier->second) + ")") + " (PF-1)");
    }
    if (entry.compressedSize == 0xffffffff || entry.size == 0xffffffff || entry.localHeaderOffset == 0xffffffff)
      refuse("entry " + shownName(name) + " has ZIP64 sizes: project files are plain zip archives (PF-3)");
    if (entry.size > kMaxEntryBytes) {
      refuse("entry " + shownName(name) + " is " + std::to_string(entry.size) + " bytes: more than the limit of " +
             std::to_string(kMaxEntryBytes) + " per entry (PF-3)");
    }
    total += entry.size;
    if (total > kMaxTotalBytes) {
      refuse("the entries add up to more than the limit of " + std::to_string(kMaxTotalBytes) + " bytes (PF-3)");
    }
    if (entry.method == 0 && entry.compressedSize != entry.size)
      refuse("entry " + shownName(name) + " is stored but its two sizes differ (a damaged zip archive)");
    if (entry.size > entry.compressedSize * kMaxRatio) {
      refuse("entry " + shownName(name) + " inflates " + std::to_string(entry.compressedSize) + " bytes to " +
             std::to_string(entry.size) + ": more than the limit of " + std::to_string(kMaxRatio) + ":1 (PF-3)");
    }
    entries_.push_back(std::move(entry));
  }

  // Entries' data may not overlap (several names for the same compressed bytes multiply them).
  std::vector<const ZipEntry*> byOffset;
  for (const auto& entry : entries_) byOffset.push_back(&entry);
  std::sort(byOffset.begin(), byOffset.end(),
            [](const ZipEntry* a, const ZipEntry* b) { return a->localHeaderOffset < b->localHeaderOffset; });
  uint64_t dataEnd = 0;
  for (const ZipEntry* entry : byOffset) {
    if (entry->localHeaderOffset < dataEnd) refuse("entry " + shownName(entry->name) + " overlaps another entry (PF-3)");
    dataEnd = entry->localHeaderOffset + kLocalSize + entry->name.size() + entry->compressedSize;
    if (dataEnd > directoryOffset)
      refuse("entry " + shownName(entry->name) + " runs into the central directory (a damaged zip archive)");
  }
}

const ZipEntry* ZipArchive::find(const std::string& name) const {
  for (const auto& entry : entries_) {
    if (entry.name == name) return &entry;
  }
  return nullptr;
}

std::string ZipArchive::read(const ZipEntry& entry) {
  const std::string header = bytesAt(entry.localHeaderOffset, kLocalSize);
  if (u32(header, 0) != kLocalSignature)
    refuse("entry " + shownName(entry.name) + ": no local header where the directory says (a damaged zip archive)");
  const uint16_t nameLength = u16(header, 26);
  const uint16_t extraLength = u16(header, 28);
  if (bytesAt(entry.localHeaderOffset + kLocalSize, nameLength) != entry.name || u16(header, 8) != entry.method) {
    refuse("entry " + shownName(entry.name) +
           ": its local header names another entry or method (a damaged or forged zip archive)");
  }
  const uint64_t start = entry.localHeaderOffset + kLocalSize + nameLength + extraLength;

  std::string out;
  if (entry.method == 0) {
    out = bytesAt(start, entry.compressedSize);
  } else {
    // The output grows with what really inflates (a forged size costs nothing until the bytes
    // are there), and stops one byte past the declared size: such an entry is cut off.
    z_stream stream{};
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) refuse("zlib could not start inflating");
    std::string buffer(kInflateStep, '\0');
    int status = Z_OK;
    bool overflow = false;
    for (uint64_t offset = 0; offset < entry.compressedSize && status == Z_OK && !overflow;) {
      const uint64_t step = std::min<uint64_t>(kInflateStep, entry.compressedSize - offset);
      std::string chunk = bytesAt(start + offset, step);
      offset += step;
      stream.next_in = reinterpret_cast<Bytef*>(chunk.data());
      stream.avail_in = static_cast<uInt>(chunk.size());
      while (status == Z_OK && !overflow && (stream.avail_in > 0 || stream.avail_out == 0)) {
        stream.next_out = reinterpret_cast<Bytef*>(buffer.data());
        stream.avail_out = static_cast<uInt>(buffer.size());
        status = inflate(&stream, Z_NO_FLUSH);
        const std::size_t produced = buffer.size() - stream.avail_out;
        if (out.size() + produced > entry.size) {
          overflow = true;
        } else {
          out.append(buffer.data(), produced);
        }
        if (status == Z_BUF_ERROR && stream.avail_in == 0) status = Z_OK;  // wants the next chunk
        if (produced == 0 && stream.avail_in == 0) break;
      }
    }
    inflateEnd(&stream);
    if (overflow) {
      refuse("entry " + shownName(entry.name) + " inflates to more than the " + std::to_string(entry.size) +
             " bytes its directory record declares (PF-3)");
    }
    if (status != Z_STREAM_END && status != Z_OK)
      refuse("entry " + shownName(entry.name) + " is not valid deflate data");
    if (status != Z_STREAM_END || out.size() != entry.size) {
      refuse("entry " + shownName(entry.name) + " inflates to " + std::to_string(out.size()) + " bytes, not the " +
             std::to_string(entry.size) + " declared (a damaged zip archive)");
    }
  }
  uLong crc = crc32(0L, Z_NULL, 0);
  for (std::size_t done = 0; done < out.size();) {
    const std::size_t step = std::min<std::size_t>(out.size() - done, 1u << 30);
    crc = crc32(crc, reinterpret_cast<const Bytef*>(out.data() + done), static_cast<uInt>(step));
    done += step;
  }
  if (static_cast<uint32_t>(crc) != entry.crc)
    refuse("entry " + shownName(entry.name) + " fails its CRC-32 check (a damaged zip archive)");
  return out;
}

}  // namespace wstudio::project
