// A pool of threads for one kind of expensive work (api/router.hpp's Work), with its load kept
// in the server's metrics. Each kind has its own pool so that expensive requests queue behind
// each other, never in front of cheap ones (which run on the network threads).
#pragma once

#include <utility>  // before asio (Boost 1.74)

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include "metrics/server_metrics.hpp"

namespace wstudio::server {

class WorkPool {
 public:
  WorkPool(int threads, PoolLoad& load) : pool_(static_cast<size_t>(threads)), load_(load) {
    load_.threads.store(threads, std::memory_order_relaxed);
  }

  template <typename Task>
  void post(Task task) {
    load_.queued.fetch_add(1, std::memory_order_relaxed);
    boost::asio::post(pool_, [this, task = std::move(task)]() mutable {
      load_.queued.fetch_sub(1, std::memory_order_relaxed);
      load_.busy.fetch_add(1, std::memory_order_relaxed);
      task();
      load_.busy.fetch_sub(1, std::memory_order_relaxed);
    });
  }

  void join() { pool_.join(); }

 private:
  boost::asio::thread_pool pool_;
  PoolLoad& load_;
};

}  // namespace wstudio::server
