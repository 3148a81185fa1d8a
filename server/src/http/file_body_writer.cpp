#include "http/file_body_writer.hpp"

#include <boost/asio/steady_timer.hpp>

#include <sys/sendfile.h>

#include <algorithm>
#include <cerrno>
#include <memory>

namespace wstudio::server {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

class FileBodyWriter : public std::enable_shared_from_this<FileBodyWriter> {
 public:
  FileBodyWriter(tcp::socket& socket, FileSlice slice, std::chrono::seconds deadline,
                 std::function<void(bool)> done)
      : socket_(socket), slice_(std::move(slice)), deadline_(deadline), timer_(socket.get_executor()),
        done_(std::move(done)) {}

  void write() {
    constexpr uint64_t kMaxPerCall = 1u << 30;  // Linux sends at most 2 GiB - 4 KiB per call
    while (slice_.length > 0) {
      auto offset = static_cast<off_t>(slice_.offset);
      const auto count = static_cast<size_t>(std::min(slice_.length, kMaxPerCall));
      const ssize_t sent = ::sendfile(socket_.native_handle(), slice_.file->fd(), &offset, count);
      if (sent > 0) {
        slice_.offset += static_cast<uint64_t>(sent);
        slice_.length -= static_cast<uint64_t>(sent);
        continue;
      }
      if (sent < 0 && errno == EINTR) continue;
      if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return waitUntilWritable();
      // The client went away (EPIPE, ECONNRESET), or the blob ended before its size (it is
      // immutable, so only damage does that): the response cannot be completed.
      return finish(false);
    }
    finish(true);
  }

 private:
  void waitUntilWritable() {
    if (!timerArmed_) {
      // Armed once per body, at its first wait.
      timerArmed_ = true;
      timer_.expires_after(deadline_);
      timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (!ec) self->socket_.cancel();  // the pending wait ends with operation_aborted
      });
    }
    socket_.async_wait(tcp::socket::wait_write,
                       [self = shared_from_this()](boost::system::error_code ec) {
                         if (ec) return self->finish(false);
                         self->write();
                       });
  }

  void finish(bool sent) {
    if (timerArmed_) timer_.cancel();
    done_(sent);
  }

  tcp::socket& socket_;
  FileSlice slice_;
  std::chrono::seconds deadline_;
  asio::steady_timer timer_;
  bool timerArmed_ = false;
  std::function<void(bool)> done_;
};

}  // namespace

void sendFileBody(tcp::socket& socket, FileSlice slice, std::chrono::seconds deadline,
                  std::function<void(bool)> done) {
  std::make_shared<FileBodyWriter>(socket, std::move(slice), deadline, std::move(done))->write();
}

}  // namespace wstudio::server
