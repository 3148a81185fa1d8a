#include "vaist/read_file.hpp"

#include <fstream>
#include <iterator>
#include <system_error>

#include "vaist/text.hpp"

namespace wstudio::host::vaist {

Result<std::string> readFileText(const std::filesystem::path& file) {
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(file, ec);
  if (ec) return fail(concat({"cannot read '", file.string(), "': ", ec.message()}));
  if (size > kMaxPluginFileBytes) {
    return fail(concat({"'", file.string(), "' is ", std::to_string(size >> 20), " MiB, too large for a plugin file"}));
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(concat({"cannot open '", file.string(), "' for reading"}));
  std::string text(std::istreambuf_iterator<char>(in), {});
  if (in.bad()) return fail(concat({"error while reading '", file.string(), "'"}));
  return text;
}

Result<std::vector<uint8_t>> readFileBytes(const std::filesystem::path& file) {
  auto text = readFileText(file);
  if (!text) return Error{text.error()};
  return std::vector<uint8_t>(text->begin(), text->end());
}

}  // namespace wstudio::host::vaist
