#include "tools/server/metrics.h"

#include <algorithm>
#include <cstdio>

namespace careergraph::server {

Metrics::Metrics(std::vector<std::string> endpoints) : names_(std::move(endpoints)) {
  names_.push_back("other");
  series_ = std::make_unique<Series[]>(names_.size());
}

std::size_t Metrics::EndpointIndex(std::string_view endpoint) const {
  for (std::size_t i = 0; i + 1 < names_.size(); ++i)
    if (names_[i] == endpoint) return i;
  return names_.size() - 1;
}

std::size_t Metrics::StatusIndex(int status) {
  for (std::size_t i = 0; i + 1 < kStatuses.size(); ++i)
    if (kStatuses[i] == status) return i;
  return kStatuses.size() - 1;
}

void Metrics::Record(std::size_t endpoint, int http_status, double seconds) {
  Series& s = series_[std::min(endpoint, names_.size() - 1)];
  s.by_status[StatusIndex(http_status)].fetch_add(1, std::memory_order_relaxed);
  const auto bucket = std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds) - kBuckets.begin();
  s.buckets[static_cast<std::size_t>(bucket)].fetch_add(1, std::memory_order_relaxed);
  s.sum_ns.fetch_add(static_cast<std::uint64_t>(std::max(0.0, seconds) * 1e9), std::memory_order_relaxed);
  s.count.fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t Metrics::Count(std::string_view endpoint, int http_status) const {
  return series_[EndpointIndex(endpoint)].by_status[StatusIndex(http_status)].load(std::memory_order_relaxed);
}

std::string LabelValue(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void Metrics::Render(std::string* out) const {
  char num[64];
  *out += "# HELP careergraph_http_requests_total HTTP requests answered, by endpoint and status.\n";
  *out += "# TYPE careergraph_http_requests_total counter\n";
  for (std::size_t e = 0; e < names_.size(); ++e) {
    for (std::size_t i = 0; i < kStatuses.size(); ++i) {
      const std::uint64_t n = series_[e].by_status[i].load(std::memory_order_relaxed);
      if (n == 0) continue;
      const std::string status = kStatuses[i] ? std::to_string(kStatuses[i]) : "other";
      *out += "careergraph_http_requests_total{endpoint=\"" + LabelValue(names_[e]) + "\",status=\"" + status +
              "\"} " + std::to_string(n) + "\n";
    }
  }
  *out += "# HELP careergraph_http_request_duration_seconds Time from a request's last byte read to its "
          "response being ready.\n";
  *out += "# TYPE careergraph_http_request_duration_seconds histogram\n";
  for (std::size_t e = 0; e < names_.size(); ++e) {
    const Series& s = series_[e];
    if (s.count.load(std::memory_order_relaxed) == 0) continue;
    const std::string label = "endpoint=\"" + LabelValue(names_[e]) + "\"";
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += s.buckets[b].load(std::memory_order_relaxed);
      if (b < kBuckets.size()) std::snprintf(num, sizeof num, "%g", kBuckets[b]);
      *out += "careergraph_http_request_duration_seconds_bucket{" + label + ",le=\"" +
              (b < kBuckets.size() ? std::string(num) : std::string("+Inf")) + "\"} " + std::to_string(cumulative) +
              "\n";
    }
    std::snprintf(num, sizeof num, "%.9f", static_cast<double>(s.sum_ns.load(std::memory_order_relaxed)) / 1e9);
    *out += "careergraph_http_request_duration_seconds_sum{" + label + "} " + num + "\n";
    *out += "careergraph_http_request_duration_seconds_count{" + label + "} " + std::to_string(cumulative) + "\n";
  }
}

}  // namespace careergraph::server
