// WorkerPool: a fixed number of threads and a bounded queue of jobs.
//
// Design choices:
//  - Admission is decided when a request arrives, not when a worker frees up: TrySubmit
//    fails at once when every worker is busy and the queue is full, so the server answers
//    503 in microseconds instead of letting latency grow without bound (the "bounded queue,
//    shed load early" rule of SEDA: Welsh, Culler and Brewer, "SEDA: an architecture for
//    well-conditioned, scalable internet services", SOSP 2001).
//  - Capacity is threads + queue: with queue = 0 a job is accepted only when a worker is
//    idle.
//  - Connections never hold a worker: the I/O threads read requests and write responses;
//    only the answering itself runs here. Keep-alive clients waiting for their next request
//    cost nothing.
//  - Drain() stops admission, runs every job already accepted and joins the threads, which
//    is what a graceful shutdown needs.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace careergraph::server {

class WorkerPool {
 public:
  WorkerPool(unsigned threads, std::size_t queue_capacity);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // False when the pool is full or draining; the job is then not run.
  bool TrySubmit(std::function<void()> job);
  void Drain();

  unsigned threads() const { return nthreads_; }
  std::size_t queue_capacity() const { return capacity_; }
  std::size_t queued() const;
  std::size_t running() const;

 private:
  void Loop();

  const unsigned nthreads_;
  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  std::size_t running_ = 0;
  bool draining_ = false;
  std::mutex join_mu_;  // Drain may be called from several threads
  std::vector<std::thread> workers_;
};

}  // namespace careergraph::server
