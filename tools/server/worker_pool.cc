#include "tools/server/worker_pool.h"

namespace careergraph::server {

WorkerPool::WorkerPool(unsigned threads, std::size_t queue_capacity)
    : nthreads_(threads == 0 ? 1 : threads), capacity_(queue_capacity) {
  workers_.reserve(nthreads_);
  for (unsigned i = 0; i < nthreads_; ++i) workers_.emplace_back([this] { Loop(); });
}

WorkerPool::~WorkerPool() { Drain(); }

bool WorkerPool::TrySubmit(std::function<void()> job) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (draining_ || jobs_.size() + running_ >= nthreads_ + capacity_) return false;
    jobs_.push_back(std::move(job));
  }
  cv_.notify_one();
  return true;
}

void WorkerPool::Drain() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    draining_ = true;
  }
  cv_.notify_all();
  std::lock_guard<std::mutex> join_lock(join_mu_);
  for (auto& t : workers_)
    if (t.joinable()) t.join();
}

std::size_t WorkerPool::queued() const {
  std::lock_guard<std::mutex> lock(mu_);
  return jobs_.size();
}

std::size_t WorkerPool::running() const {
  std::lock_guard<std::mutex> lock(mu_);
  return running_;
}

void WorkerPool::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return draining_ || !jobs_.empty(); });
    if (jobs_.empty()) return;  // draining and nothing left to run
    std::function<void()> job = std::move(jobs_.front());
    jobs_.pop_front();
    ++running_;
    lock.unlock();
    try {
      job();
    } catch (...) {
      // Jobs answer their own errors (Service::Execute catches everything); a worker must
      // outlive a job that does not.
    }
    job = nullptr;  // release captures before taking the lock again
    lock.lock();
    --running_;
  }
}

}  // namespace careergraph::server
