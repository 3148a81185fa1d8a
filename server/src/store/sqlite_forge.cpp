// SqliteStore: the Forge's build counts per user and calendar month.
#include "store/sqlite_store.hpp"

namespace wstudio::server {

bool SqliteStore::countForgeBuild(std::string_view userId, std::string_view month, int64_t limit) {
  if (limit <= 0) return false;
  auto c = borrow();
  auto& q = c->cached(
      "INSERT INTO forge_build_counts (user_id, month, builds) VALUES (?1, ?2, 1) "
      "ON CONFLICT (user_id, month) DO UPDATE SET builds = builds + 1 WHERE builds < ?3");
  q.bind(1, userId).bind(2, month).bind(3, limit).run();
  return c->changes() > 0;
}

int64_t SqliteStore::forgeBuildCount(std::string_view userId, std::string_view month) {
  auto c = borrow();
  auto& q = c->cached("SELECT builds FROM forge_build_counts WHERE user_id = ?1 AND month = ?2");
  q.bind(1, userId).bind(2, month);
  return q.step() ? q.integer(0) : 0;
}

}  // namespace wstudio::server
