// Builds a Session from the parsed JSON document (after the format and version were checked),
// reporting shape problems: missing members, wrong types, unknown enum spellings, too many
// items. Value rules (ranges, references) are the validator's. Every array element yields a model
// element, even a broken one, so model indices equal JSON indices and the validator's paths
// match the file.
#pragma once

#include <string>

#include "object_reader.hpp"
#include "wstudio/session/model.hpp"

namespace wstudio::session::detail {

Session readSession(ObjectReader& root);

// The parts of a session, read the same way wherever they appear (a session document, or an
// operation that carries one: docs/session-ops.md). `path` names the value in its document.
TimeSignature readTimeSignature(const Json& value, std::string path, IssueList& issues);
AudioSource readSource(const Json& value, std::string path, IssueList& issues);
AudioClip readAudioClip(const Json& value, std::string path, IssueList& issues);
Note readNote(const Json& value, std::string path, IssueList& issues);
MidiClip readMidiClip(const Json& value, std::string path, IssueList& issues);
Insert readInsert(const Json& value, std::string path, IssueList& issues);
Track readTrack(const Json& value, std::string path, IssueList& issues);
AutomationPoint readPoint(const Json& value, std::string path, IssueList& issues);
AutomationLane readLane(const Json& value, std::string path, IssueList& issues);
Marker readMarker(const Json& value, std::string path, IssueList& issues);
LoopRegion readLoop(const Json& value, std::string path, IssueList& issues);

}  // namespace wstudio::session::detail
