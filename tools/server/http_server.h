// HttpServer: HTTP/1.1 over TCP for a Service, on Boost.Beast.
//
// Design choices:
//  - Boost.Beast (over Boost.Asio) rather than cpp-httplib: httplib 0.11 gives each
//    connection a pool thread for its whole keep-alive life and queues connections without
//    bound, so sixteen keep-alive clients on a two-thread server wait for each other and a
//    full server cannot say so. Here a few I/O threads own every connection (asynchronous
//    reads and writes, idle keep-alive connections cost no thread) and only the answering
//    runs on the bounded WorkerPool; when the pool is full the I/O thread answers 503 at
//    once (the admission rule of worker_pool.h).
//  - Each request gets a deadline when its last byte is read. If the answer is not ready by
//    then the client gets 504 DEADLINE_EXCEEDED and the late answer is dropped; a request
//    still queued at its deadline is not run at all.
//  - Bodies are limited while reading (413 TOO_LARGE without reading further, then the
//    connection closes); "Expect: 100-continue" is honoured, so a client learns about an
//    oversized body before sending it.
//  - Stop() is graceful: it stops accepting, closes idle connections, lets every request
//    already read finish and be written (with "Connection: close"), waits up to the drain
//    timeout, then joins the threads. Requests are never cut off mid-answer unless the
//    drain timeout passes.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "engine/status.h"
#include "tools/server/service.h"

namespace careergraph::server {

struct TransportOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 = any free port (see HttpServer::port())
  unsigned threads = 0;       // workers answering queries; 0 = one per core
  unsigned io_threads = 1;    // threads reading and writing connections
  std::size_t queue = 64;     // requests that may wait for a worker before 503
  std::size_t max_body = 1 << 20;
  std::chrono::milliseconds deadline{10'000};
  std::chrono::milliseconds idle_timeout{30'000};   // keep-alive idle / slow client limit
  std::chrono::milliseconds drain_timeout{30'000};  // graceful stop's longest wait
};

class HttpServer {
 public:
  HttpServer(Service& service, TransportOptions options);
  ~HttpServer();  // Stop()
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds, listens and starts the threads; the server is accepting when this returns.
  Status Start();
  std::uint16_t port() const;

  // Graceful stop (see above). Idempotent; safe from any thread but the server's own.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace careergraph::server
