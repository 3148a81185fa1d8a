#include "store/sqlite_store.hpp"

#include "db/migrations.hpp"

namespace wstudio::server {

const char* roleName(Role role) {
  switch (role) {
    case Role::Viewer: return "viewer";
    case Role::Editor: return "editor";
    case Role::Owner: return "owner";
  }
  return "viewer";
}

std::optional<Role> parseRole(std::string_view name) {
  if (name == "viewer") return Role::Viewer;
  if (name == "editor") return Role::Editor;
  if (name == "owner") return Role::Owner;
  return std::nullopt;
}

SqliteStore::SqliteStore(std::filesystem::path file) : file_(std::move(file)) {
  auto connection = std::make_unique<db::Connection>(file_);
  db::migrate(*connection);
  idle_.push_back(std::move(connection));
}

SqliteStore::~SqliteStore() = default;

SqliteStore::Lease SqliteStore::borrow() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(connection));
    }
  }
  return Lease(*this, std::make_unique<db::Connection>(file_));
}

void SqliteStore::giveBack(std::unique_ptr<db::Connection> connection) {
  connection->resetStatements();
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(connection));
}

bool SqliteStore::healthy() {
  auto c = borrow();
  auto& q = c->cached("SELECT 1");
  return q.step() && q.integer(0) == 1;
}

}  // namespace wstudio::server
