// writeChanges(): an edit's effect on the session's JSON, per track and per top-level member, in
// the canonical form save() writes (json_writer.hpp), so that applying it to the parsed text of
// `before` gives exactly the parsed text of `after`.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "json_writer.hpp"
#include "wstudio/session/json_io.hpp"

namespace wstudio::session {

namespace {

using detail::Out;

template <typename T>
Out writeList(const std::vector<T>& items) {
  Out out = Out::array();
  for (const T& item : items) out.push_back(detail::write(item));
  return out;
}

// The top-level members save() writes besides "format", "version" (constant) and "tracks".
void writeMembers(const Session& before, const Session& after, Out& members) {
  using detail::write;
  using detail::writeNumber;
  if (before.tempoBpm != after.tempoBpm) members["tempo"] = writeNumber(after.tempoBpm);
  if (before.timeSignature != after.timeSignature) members["timeSignature"] = write(after.timeSignature);
  if (before.sampleRate != after.sampleRate) members["sampleRate"] = after.sampleRate;
  if (before.nextIdNumber != after.nextIdNumber) members["nextId"] = after.nextIdNumber;
  if (before.master != after.master) members["master"] = write(after.master);
  if (before.automation != after.automation) members["automation"] = writeList(after.automation);
  if (before.markers != after.markers) members["markers"] = writeList(after.markers);
  if (before.loop != after.loop) members["loop"] = write(after.loop);
}

}  // namespace

std::string writeChanges(const Session& before, const Session& after) {
  Out out = Out::object();
  Out order = Out::array();
  Out changed = Out::object();
  for (std::size_t i = 0; i < after.tracks.size(); ++i) {
    const Track& track = after.tracks[i];
    order.push_back(track.id);
    // Most edits leave every track where it was: look there first.
    const Track* old = i < before.tracks.size() && before.tracks[i].id == track.id ? &before.tracks[i] : nullptr;
    if (old == nullptr) {
      const auto found = std::find_if(before.tracks.begin(), before.tracks.end(),
                                      [&](const Track& t) { return t.id == track.id; });
      if (found != before.tracks.end()) old = &*found;
    }
    if (old == nullptr || *old != track) changed[track.id] = detail::write(track);
  }
  Out members = Out::object();
  writeMembers(before, after, members);
  Out removed = Out::array();
  // Unknown top-level members (a newer version's), kept verbatim like save() keeps them.
  for (const auto& [key, value] : after.unknown) {
    const auto old = before.unknown.find(key);
    if (old == before.unknown.end() || old->second != value) members[key] = Out(value);
  }
  for (const auto& [key, value] : before.unknown) {
    if (!after.unknown.contains(key)) removed.push_back(key);
  }
  out["tracks"] = std::move(order);
  out["changed"] = std::move(changed);
  out["members"] = std::move(members);
  out["removed"] = std::move(removed);
  return out.dump(-1, ' ', false, Out::error_handler_t::replace);
}

}  // namespace wstudio::session
