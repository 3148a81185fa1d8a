// Uploads judged by content, attacked: audio that decodes to far more than its size (a
// decompression bomb), headers that declare absurd lengths, image magic followed by anything,
// and errors that must not reveal where the server keeps its files.
#include <gtest/gtest.h>

#include <sndfile.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "http_client.hpp"
#include "server_process.hpp"
#include "test_documents.hpp"

namespace wstudio::server::test {
namespace {

HttpResponse upload(HttpClient& client, const std::string& bytes) {
  return client.request("POST", "/api/v1/assets", bytes, {{"Content-Type", "application/octet-stream"}});
}

// A file of a constant signal written by libsndfile in memory (as FLAC: tiny however long).
std::string audioFile(int format, int channels, int sampleRate, sf_count_t frames) {
  struct Memory {
    std::string bytes;
    sf_count_t position = 0;
  } memory;
  SF_VIRTUAL_IO io{};
  io.get_filelen = [](void* user) { return static_cast<sf_count_t>(static_cast<Memory*>(user)->bytes.size()); };
  io.seek = [](sf_count_t offset, int whence, void* user) {
    auto& m = *static_cast<Memory*>(user);
    m.position = whence == SEEK_SET ? offset
                 : whence == SEEK_CUR ? m.position + offset
                                      : static_cast<sf_count_t>(m.bytes.size()) + offset;
    return m.position;
  };
  io.read = [](void* out, sf_count_t count, void* user) {
    auto& m = *static_cast<Memory*>(user);
    const auto n = std::max<sf_count_t>(0, std::min<sf_count_t>(count, static_cast<sf_count_t>(m.bytes.size()) - m.position));
    std::memcpy(out, m.bytes.data() + m.position, static_cast<size_t>(n));
    m.position += n;
    return n;
  };
  io.write = [](const void* in, sf_count_t count, void* user) {
    auto& m = *static_cast<Memory*>(user);
    const auto end = static_cast<size_t>(m.position + count);
    if (m.bytes.size() < end) m.bytes.resize(end);
    std::memcpy(m.bytes.data() + m.position, in, static_cast<size_t>(count));
    m.position += count;
    return count;
  };
  io.tell = [](void* user) { return static_cast<Memory*>(user)->position; };
  SF_INFO info{};
  info.channels = channels;
  info.samplerate = sampleRate;
  info.format = format;
  SNDFILE* file = sf_open_virtual(&io, SFM_WRITE, &info, &memory);
  if (file == nullptr) {
    ADD_FAILURE() << sf_strerror(nullptr);
    return {};
  }
  std::vector<short> block(static_cast<size_t>(65536 * channels), 1000);
  for (sf_count_t done = 0; done < frames;) {
    const sf_count_t n = std::min<sf_count_t>(65536, frames - done);
    sf_writef_short(file, block.data(), n);
    done += n;
  }
  sf_close(file);
  return memory.bytes;
}

std::string flacFile(int channels, int sampleRate, sf_count_t frames) {
  return audioFile(SF_FORMAT_FLAC | SF_FORMAT_PCM_16, channels, sampleRate, frames);
}

std::vector<std::string> scratchFiles(const std::filesystem::path& dataDir) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dataDir)) {
    if (entry.path().filename().string().rfind("upload-", 0) == 0) out.push_back(entry.path().string());
  }
  return out;
}

TEST(UploadValidation, AudioLongerThanTheLimitIsRefusedFromItsHeader) {
  ServerProcess server;
  HttpClient client(server.port());
  client.registerUser("ada");
  // 31 minutes of a constant at 8 kHz: a few kilobytes of FLAC.
  const std::string bomb = flacFile(1, 8000, 31LL * 60 * 8000);
  ASSERT_LT(bomb.size(), 200'000u);
  auto res = upload(client, bomb);
  EXPECT_EQ(res.status, 422) << res.body;
  EXPECT_EQ(res.errorCode(), "invalid_audio");
  EXPECT_NE(res.body.find("30 minutes"), std::string::npos) << res.body;
  // Within the limits it is fine.
  res = upload(client, flacFile(2, 48000, 48000));
  EXPECT_EQ(res.status, 201) << res.body;
  EXPECT_TRUE(scratchFiles(server.dataDir()).empty());
}

// The streaming check reads every format the render path reads, from memory.
TEST(UploadValidation, EveryAudioFormatIsReadFromMemory) {
  ServerProcess server;
  HttpClient client(server.port());
  client.registerUser("fin");
  for (const int format : {SF_FORMAT_WAV | SF_FORMAT_PCM_24, SF_FORMAT_FLAC | SF_FORMAT_PCM_16,
                           SF_FORMAT_OGG | SF_FORMAT_VORBIS,
                           SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III}) {
    const std::string bytes = audioFile(format, 2, 48000, 48000);
    ASSERT_FALSE(bytes.empty()) << std::hex << format;
    const auto res = upload(client, bytes);
    EXPECT_EQ(res.status, 201) << std::hex << format << " " << res.body;
  }
}

// The server's peak resident memory (VmHWM) in KiB.
int64_t peakMemoryKib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6));
  }
  return -1;
}

// Within the limits, a long file is decoded in blocks: the server's peak memory does not grow
// with the decoded length (29 minutes of 4 channels is 220 MB of float samples).
TEST(UploadValidation, AudioIsDecodedWithBoundedMemory) {
  ServerProcess server;
  HttpClient client(server.port());
  client.registerUser("eli");
  const std::string flac = flacFile(4, 8000, 29LL * 60 * 8000);
  ASSERT_FALSE(flac.empty());
  ASSERT_EQ(upload(client, flacFile(1, 8000, 8000)).status, 201);  // warm up the decoder
  const int64_t before = peakMemoryKib(server.pid());
  ASSERT_GT(before, 0);
  EXPECT_EQ(upload(client, flac).status, 201);
  EXPECT_LT(peakMemoryKib(server.pid()) - before, 64 * 1024) << "KiB more at peak";
}

// A FLAC header patched to declare 2^36-1 frames of 8 channels: nothing may be sized from it.
TEST(UploadValidation, AnAbsurdDeclaredLengthIsRefusedAndLeavesNoScratchFile) {
  ServerProcess server;
  HttpClient client(server.port());
  client.registerUser("bob");
  std::string flac = flacFile(8, 48000, 4800);
  ASSERT_EQ(flac.substr(0, 4), "fLaC");
  // STREAMINFO follows the 4-byte block header at offset 8; its 36-bit total sample count is
  // the low nibble of byte 21 and bytes 22-25.
  flac[21] = static_cast<char>(static_cast<unsigned char>(flac[21]) | 0x0f);
  for (int i = 22; i < 26; ++i) flac[i] = static_cast<char>(0xff);
  auto res = upload(client, flac);
  EXPECT_EQ(res.status, 422) << res.body;
  EXPECT_EQ(res.errorCode(), "invalid_audio");
  EXPECT_TRUE(scratchFiles(server.dataDir()).empty());
  // Too many channels (FLAC stops at 8; WAV does not).
  res = upload(client, audioFile(SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16, 8000, 800));
  EXPECT_EQ(res.status, 422) << res.body;
  EXPECT_NE(res.body.find("channels"), std::string::npos) << res.body;
  EXPECT_EQ(client.get("/api/v1/health").status, 200);
}

TEST(UploadValidation, ErrorsNameNoServerPath) {
  ServerProcess server;
  HttpClient client(server.port());
  client.registerUser("cyd");
  const std::string wav = wavFile(48000);
  const std::string flac = flacFile(2, 48000, 48000);
  for (const std::string& bad :
       {wav.substr(0, wav.size() / 2), flac.substr(0, flac.size() / 2),
        std::string("RIFF\x10\0\0\0WAVEjunkjunk", 20), std::string("fLaC") + std::string(100, 'x'),
        std::string("OggS") + std::string(100, '\x01'), std::string("ID3\x04") + std::string(100, 'z')}) {
    const auto res = upload(client, bad);
    EXPECT_EQ(res.status, 422) << res.body;
    EXPECT_EQ(res.body.find(server.dataDir().string()), std::string::npos) << res.body;
    EXPECT_EQ(res.body.find("upload-"), std::string::npos) << res.body;
    EXPECT_EQ(res.body.find("/tmp"), std::string::npos) << res.body;
  }
  EXPECT_TRUE(scratchFiles(server.dataDir()).empty());
}

uint32_t crc32(std::string_view bytes) {
  uint32_t crc = 0xffffffffu;
  for (const char c : bytes) {
    crc ^= static_cast<unsigned char>(c);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

std::string be32(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

std::string pngChunk(const std::string& type, const std::string& data) {
  return be32(static_cast<uint32_t>(data.size())) + type + data + be32(crc32(type + data));
}

// A 1x1 greyscale PNG (the IDAT is a stored zlib block of one filter byte and one pixel).
std::string pngFile(uint32_t width = 1, uint32_t height = 1) {
  const std::string ihdr = be32(width) + be32(height) + std::string("\x08\x00\x00\x00\x00", 5);
  const std::string idat("\x78\x01\x01\x02\x00\xfd\xff\x00\x80\x00\x82\x00\x81", 13);
  return std::string("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", ihdr) + pngChunk("IDAT", idat) +
         pngChunk("IEND", "");
}

std::string jpegSegment(unsigned char marker, const std::string& data) {
  const auto length = static_cast<uint16_t>(data.size() + 2);
  return std::string{'\xff', static_cast<char>(marker), static_cast<char>(length >> 8),
                     static_cast<char>(length & 0xff)} +
         data;
}

// A baseline 1x1 greyscale JPEG laid out as encoders write it.
std::string jpegFile() {
  std::string out("\xff\xd8", 2);
  out += jpegSegment(0xe0, std::string("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14));
  out += jpegSegment(0xdb, std::string(1, '\0') + std::string(64, '\x01'));
  out += jpegSegment(0xc0, std::string("\x08\x00\x01\x00\x01\x01\x01\x11\x00", 9));
  out += jpegSegment(0xc4, std::string("\x00\x01", 2) + std::string(15, '\0') + std::string(1, '\0'));
  out += jpegSegment(0xc4, std::string("\x10\x01", 2) + std::string(15, '\0') + std::string(1, '\0'));
  out += jpegSegment(0xda, std::string("\x01\x01\x00\x00\x3f\x00", 6));
  out += std::string("\x00\x00", 2);  // entropy-coded data
  out += "\xff\xd9";
  return out;
}

TEST(UploadValidation, ImagesAreCheckedStructurally) {
  ServerProcess server;
  HttpClient client(server.port());
  client.registerUser("dot");
  auto res = upload(client, pngFile());
  EXPECT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(res.json()["kind"], "png");
  res = upload(client, jpegFile());
  EXPECT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(res.json()["kind"], "jpeg");

  std::string random("\x89PNG\r\n\x1a\n", 8);
  for (int i = 0; i < 200; ++i) random.push_back(static_cast<char>((i * 37 + 11) & 0xff));
  std::string badCrc = pngFile();
  badCrc[29] = static_cast<char>(badCrc[29] ^ 1);  // the IHDR's CRC
  const std::string noEnd = pngFile().substr(0, pngFile().size() - 12);
  const std::string huge = pngFile(1u << 20, 1u << 20);
  const std::string html = "\xff\xd8\xff<html><script>alert(1)</script></html>";
  const std::string cutJpeg = jpegFile().substr(0, jpegFile().size() - 2);
  for (const std::string& bad : {random, badCrc, noEnd, huge, html, cutJpeg}) {
    res = upload(client, bad);
    EXPECT_EQ(res.status, 422) << res.body;
    EXPECT_EQ(res.errorCode(), "invalid_image") << res.body;
  }
}

}  // namespace
}  // namespace wstudio::server::test
