#include "routing.hpp"

#include <algorithm>
#include <numeric>

#include "wstudio/session/lookup.hpp"

namespace wstudio::engine {

Routing planRouting(const session::Session& session) {
  const auto& tracks = session.tracks;
  const std::size_t count = tracks.size();
  Routing routing;
  routing.destination.assign(count, -1);
  for (std::size_t i = 0; i < count; ++i) {
    if (tracks[i].output != session::kMasterId) {
      routing.destination[i] = std::ptrdiff_t(*session::trackIndex(session, tracks[i].output));
    }
  }
  // Hops to the master.
  std::vector<std::size_t> depth(count, 0);
  for (std::size_t i = 0; i < count; ++i) {
    for (auto d = routing.destination[i]; d >= 0; d = routing.destination[std::size_t(d)]) ++depth[i];
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (tracks[i].kind != session::TrackKind::bus) routing.order.push_back(i);
  }
  std::vector<std::size_t> buses;
  for (std::size_t i = 0; i < count; ++i) {
    if (tracks[i].kind == session::TrackKind::bus) buses.push_back(i);
  }
  std::stable_sort(buses.begin(), buses.end(),
                   [&](std::size_t a, std::size_t b) { return depth[a] > depth[b]; });
  routing.order.insert(routing.order.end(), buses.begin(), buses.end());

  const bool anySolo = std::any_of(tracks.begin(), tracks.end(),
                                   [](const session::Track& t) { return t.solo; });
  routing.audible.assign(count, true);
  if (anySolo) {
    std::vector<bool> heard(count, false);
    for (std::size_t i = 0; i < count; ++i) {
      if (!tracks[i].solo) continue;
      heard[i] = true;
      // Downstream: the buses the solo passes through.
      for (auto d = routing.destination[i]; d >= 0; d = routing.destination[std::size_t(d)]) {
        heard[std::size_t(d)] = true;
      }
    }
    // Upstream: whatever reaches a soloed bus.
    for (std::size_t i = 0; i < count; ++i) {
      for (auto d = routing.destination[i]; d >= 0; d = routing.destination[std::size_t(d)]) {
        if (tracks[std::size_t(d)].solo) heard[i] = true;
      }
    }
    routing.audible = heard;
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (tracks[i].mute) routing.audible[i] = false;
  }
  return routing;
}

}  // namespace wstudio::engine
