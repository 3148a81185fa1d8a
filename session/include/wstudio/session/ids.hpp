// Ids: every track, clip, insert, automation lane and marker has one, unique in the session and
// never changed, so that edits from the engine, the server and collaborators can name objects
// without relying on positions.
#pragma once

#include <string>
#include <string_view>

#include "wstudio/session/model.hpp"

namespace wstudio::session {

// 1..64 characters of [A-Za-z0-9._-].
bool isValidId(std::string_view id);

// A plugin descriptor id (docs/plugin-abi.md): 1..128 characters of [a-z0-9._-].
bool isValidPluginId(std::string_view id);

// Whether any object in the session (or the master bus) already has this id.
bool isIdInUse(const Session& session, std::string_view id);

// A fresh id "<prefix>-<n>", or "<prefix>-<site>-<n>" when a site is given, with n taken from
// session.nextIdNumber, which advances past it (and past ids already in use), so ids are
// deterministic and never reused within a session. Collaborators that create objects
// concurrently pass distinct sites (e.g. a short client id) so their ids cannot collide.
// prefix and site should be short [A-Za-z0-9._]; the edit that uses the id validates it.
std::string newId(Session& session, std::string_view prefix, std::string_view site = {});

}  // namespace wstudio::session
