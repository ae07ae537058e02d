// Request metrics in the Prometheus text exposition format (version 0.0.4):
//   careergraph_http_requests_total{endpoint,status}        counter
//   careergraph_http_request_duration_seconds{endpoint}     histogram (le buckets, sum, count)
// plus whatever gauges the caller appends (graph version, queue depth, ...).
//
// Design choices: endpoints are known when the server starts (the registry's paths, plus
// "other" for everything else, which keeps label cardinality bounded whatever clients
// send), so every series is a preallocated atomic and recording is a few relaxed
// increments with no lock on the request path.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace careergraph::server {

class Metrics {
 public:
  // `endpoints`: the label values; "other" is added last.
  explicit Metrics(std::vector<std::string> endpoints);

  std::size_t EndpointIndex(std::string_view endpoint) const;  // "other" when unknown
  const std::string& EndpointName(std::size_t index) const { return names_[index]; }
  void Record(std::size_t endpoint, int http_status, double seconds);

  // Appends the counters and histograms.
  void Render(std::string* out) const;

  // Requests recorded for (endpoint, status), for tests and diagnostics.
  std::uint64_t Count(std::string_view endpoint, int http_status) const;

  // Upper bounds of the latency buckets, in seconds.
  static constexpr std::array<double, 16> kBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,     0.25,   0.5,   1,      2.5,   5,     10};
  // The statuses counted individually; any other is counted as "other".
  static constexpr std::array<int, 14> kStatuses = {200, 204, 400, 401, 403, 404, 405,
                                                    413, 415, 422, 500, 503, 504, 0};

 private:
  struct Series {
    std::array<std::atomic<std::uint64_t>, kStatuses.size()> by_status{};
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets{};  // last = +Inf
    std::atomic<std::uint64_t> sum_ns{0};
    std::atomic<std::uint64_t> count{0};
  };
  static std::size_t StatusIndex(int status);

  std::vector<std::string> names_;
  std::unique_ptr<Series[]> series_;
};

// Escapes a Prometheus label value (backslash, quote, newline).
std::string LabelValue(std::string_view v);

}  // namespace careergraph::server
