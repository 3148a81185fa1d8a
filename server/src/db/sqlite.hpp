// A thin RAII layer over the SQLite C API: one connection, prepared statements with typed binds.
// Errors throw SqliteError: the server's handlers turn it into a 500 without losing data
// (a failed statement inside a transaction rolls the transaction back).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace wstudio::server::db {

class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }
  // A UNIQUE or PRIMARY KEY constraint refused the row.
  bool isConstraint() const { return (code_ & 0xff) == SQLITE_CONSTRAINT; }

 private:
  int code_;
};

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds by 1-based position; returns *this to chain.
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, int64_t value);
  Statement& bindBlob(int index, std::span<const uint8_t> bytes);
  Statement& bindNull(int index);
  Statement& bindOptional(int index, const std::optional<std::string>& text);

  // Advances to the next row; false when done. Throws on error.
  bool step();
  // Runs a statement that returns no rows.
  void run();
  void reset();

  std::string text(int column) const;
  std::optional<std::string> optionalText(int column) const;
  int64_t integer(int column) const;
  std::vector<uint8_t> blob(int column) const;
  bool isNull(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Connection {
 public:
  // Opens (creating if needed) the database file with WAL journaling, foreign keys on, a busy
  // timeout so concurrent writers wait instead of failing.
  explicit Connection(const std::filesystem::path& file);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql) { return Statement(db_, sql); }
  // A statement prepared once per connection and reused (reset, bindings cleared). `sql` must
  // be a string literal: it is the cache key.
  Statement& cached(const char* sql);
  // Resets every cached statement used since the last call. A statement left mid-result keeps
  // the connection's read snapshot open: later reads would see stale data and a write would
  // fail with SQLITE_BUSY_SNAPSHOT. The store calls this whenever a connection goes back to the
  // pool.
  void resetStatements();
  int64_t changes() const { return sqlite3_changes64(db_); }
  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<const char*, std::unique_ptr<Statement>> statements_;
  std::vector<Statement*> used_;  // since the last resetStatements (a request uses a few)
};

// BEGIN IMMEDIATE ... COMMIT; rolls back when destroyed without commit() (an exception).
// IMMEDIATE takes the write lock up front, so read-then-write sequences (revision checks)
// cannot interleave with another writer.
class Transaction {
 public:
  explicit Transaction(Connection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Connection& connection_;
  bool done_ = false;
};

}  // namespace wstudio::server::db
