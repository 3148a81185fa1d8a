// What an authorised WebSocket upgrade of /sessions/{id}/events hands the network layer: which
// session, for whom, and how to check again that the caller may still listen (see
// session_events.hpp). Made by the API's events route, used by live_socket.
#pragma once

#include <cstdint>
#include <string>

#include "live/session_events.hpp"

namespace wstudio::server {

struct LiveGrant {
  std::string sessionId;
  std::string userId;       // empty: anonymous (a public session)
  uint64_t checkedAtGeneration = 0;  // SessionEvents::accessGeneration() before the check
  AccessCheck check;
};

}  // namespace wstudio::server
