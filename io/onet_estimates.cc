#include "io/onet_estimates.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string_view>
#include <utility>

#include "engine/statistics.h"
#include "io/onet_pay.h"

namespace careergraph::io::onet {

namespace {

using Opt = std::optional<double>;

// Mid-rank empirical distribution function: the share of the sample below x, counting ties
// half. Puts any value on the 0..1 scale of a measured sample.
class Ecdf {
 public:
  explicit Ecdf(std::vector<double> sample) : s_(std::move(sample)) { std::sort(s_.begin(), s_.end()); }
  bool empty() const { return s_.empty(); }
  double operator()(double x) const {
    const auto lo = std::lower_bound(s_.begin(), s_.end(), x), hi = std::upper_bound(s_.begin(), s_.end(), x);
    return (static_cast<double>(lo - s_.begin()) + 0.5 * static_cast<double>(hi - lo)) / static_cast<double>(s_.size());
  }

 private:
  std::vector<double> s_;
};

// z-scores of one descriptor over the graph's occupations that have it.
std::vector<Opt> Standardise(const std::vector<const Occupation*>& nodes, Descriptor d) {
  double sum = 0, sq = 0;
  std::size_t n = 0;
  for (const Occupation* o : nodes)
    if (o->d[d]) sum += *o->d[d], ++n;
  std::vector<Opt> z(nodes.size());
  if (n == 0) return z;
  const double mean = sum / static_cast<double>(n);
  for (const Occupation* o : nodes)
    if (o->d[d]) sq += (*o->d[d] - mean) * (*o->d[d] - mean);
  const double sd = std::sqrt(sq / static_cast<double>(n));
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i]->d[d]) z[i] = sd > 0 ? (*nodes[i]->d[d] - mean) / sd : 0.0;
  return z;
}

// Mean of the available z-scores of `ds` for each node; also which were missing.
std::vector<Opt> Composite(const std::vector<const Occupation*>& nodes, std::initializer_list<Descriptor> ds) {
  std::vector<std::vector<Opt>> zs;
  for (Descriptor d : ds) zs.push_back(Standardise(nodes, d));
  std::vector<Opt> out(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    double sum = 0;
    int n = 0;
    for (const auto& z : zs)
      if (z[i]) sum += *z[i], ++n;
    if (n) out[i] = sum / n;
  }
  return out;
}

// Least-squares line y = a + b x and the correlation, over the pairs where both exist.
struct Fit {
  double a = 0, b = 0, r = 0;
  std::size_t n = 0;
};
Fit FitLine(const std::vector<Opt>& x, const std::vector<Opt>& y) {
  Fit f;
  double sx = 0, sy = 0;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (x[i] && y[i]) sx += *x[i], sy += *y[i], ++f.n;
  if (f.n == 0) return f;
  const double n = static_cast<double>(f.n), mx = sx / n, my = sy / n;
  double sxx = 0, syy = 0, sxy = 0;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (x[i] && y[i]) {
      sxx += (*x[i] - mx) * (*x[i] - mx);
      syy += (*y[i] - my) * (*y[i] - my);
      sxy += (*x[i] - mx) * (*y[i] - my);
    }
  // Fewer than 3 pairs or no spread: predict the mean rather than fit noise.
  f.b = f.n >= 3 && sxx > 0 ? sxy / sxx : 0;
  f.a = my - f.b * mx;
  f.r = sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0;
  return f;
}

// Fills the nodes without a value (`have` false) with the median of their peers: the same
// SOC major group and job zone when at least 3 of those have a value, else the same job
// zone (at least 3), else every node with one, else 0.5. Returns each fill's label.
std::vector<std::string> FillFromPeers(const std::vector<const Occupation*>& nodes, std::vector<double>* value,
                                       std::vector<bool>* have) {
  std::vector<std::string> label(nodes.size());
  const std::vector<bool> measured = *have;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (measured[i]) continue;
    std::vector<double> group, zone, all;
    for (std::size_t j = 0; j < nodes.size(); ++j) {
      if (!measured[j]) continue;
      all.push_back((*value)[j]);
      if (nodes[j]->zone != nodes[i]->zone) continue;
      zone.push_back((*value)[j]);
      if (MajorOf(nodes[j]->code) == MajorOf(nodes[i]->code)) group.push_back((*value)[j]);
    }
    const std::string z = std::to_string(nodes[i]->zone);
    if (group.size() >= 3) (*value)[i] = Median(group), label[i] = "median-" + MajorOf(nodes[i]->code) + "-zone-" + z;
    else if (zone.size() >= 3) (*value)[i] = Median(zone), label[i] = "median-zone-" + z;
    else if (!all.empty()) (*value)[i] = Median(all), label[i] = "median-all";
    else (*value)[i] = 0.5, label[i] = "default-0.5";
    (*have)[i] = true;
  }
  return label;
}

// Pay: the OEWS figures with their basis (onet_pay.h); unknown for every occupation without
// wages.
Status EstimatePay(const std::vector<const Occupation*>& nodes, const OewsWages* wages, std::string_view release,
                   Estimates* e, OnetImportReport* report) {
  const std::size_t n = nodes.size();
  e->pay.assign(n, std::nullopt);
  if (!wages) {
    report->pay_unknown = n;
    return Status::Ok();
  }
  auto figures = AssignPay(nodes, *wages, release, report);
  if (!figures.ok()) return figures.status();
  for (std::size_t i = 0; i < n; ++i) {
    e->pay[i] = figures->pay[i];
    for (auto& t : figures->tags[i]) e->tags[i].push_back(std::move(t));
  }
  e->pay_basis = std::move(figures->basis);
  e->pay_source = std::move(figures->source);
  e->pay_error = std::move(figures->error);
  return Status::Ok();
}

// A score per node on `scale` (0..1): from `first` where it has a value, else from `second`
// (both on the measure `scale` was drawn from), else the median of the node's peers
// (FillFromPeers), tagged "<name>:imputed-from:<peers>" and counted in `peers`.
// found_first(i) and found_second(i) tag and count a value found in either source.
template <typename FoundFirst, typename FoundSecond>
std::vector<double> ScoreOrPeers(const std::vector<const Occupation*>& nodes, const Ecdf& scale,
                                 const std::vector<Opt>& first, const std::vector<Opt>& second,
                                 FoundFirst&& found_first, FoundSecond&& found_second, std::string_view name,
                                 std::vector<std::vector<std::string>>* tags, std::size_t* peers) {
  const std::size_t n = nodes.size();
  std::vector<double> value(n, 0);
  std::vector<bool> have(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    if (first[i]) {
      value[i] = scale(*first[i]);
      found_first(i);
    } else if (second[i]) {
      value[i] = scale(*second[i]);
      found_second(i);
    } else {
      continue;
    }
    have[i] = true;
  }
  const auto labels = FillFromPeers(nodes, &value, &have);
  for (std::size_t i = 0; i < n; ++i)
    if (!labels[i].empty()) (*tags)[i].push_back(std::string(name) + ":imputed-from:" + labels[i]), ++*peers;
  return value;
}

// Ambiguity: the legacy measure where there is one, else predicted from the proxies, on
// the measured values' percentile scale.
void EstimateAmbiguity(const std::vector<const Occupation*>& nodes, Estimates* e, OnetImportReport* report) {
  const std::size_t n = nodes.size();
  std::vector<std::vector<std::string>>& tags = e->tags;
  OnetImportReport& rep = *report;
  std::vector<Opt> measured(n);
  std::vector<double> sample;
  for (std::size_t i = 0; i < n; ++i)
    if ((measured[i] = nodes[i]->d[kLegacyUnstructured])) sample.push_back(*measured[i]);
  const std::vector<Opt> proxy = Composite(nodes, {kWsIndependence, kWsAdaptability, kSkJudgment});
  const Fit fit = FitLine(proxy, measured);
  rep.ambiguity_fit_n = fit.n;
  rep.ambiguity_fit_r = fit.r;
  std::vector<double> proxy_sample;
  for (const Opt& p : proxy)
    if (p) proxy_sample.push_back(*p);
  // Without any measured value the proxy composite is the scale itself.
  const bool proxy_scale = sample.empty();
  const Ecdf scale(proxy_scale ? proxy_sample : sample);
  std::vector<Opt> predicted(n);
  for (std::size_t i = 0; i < n; ++i)
    if (proxy[i]) predicted[i] = proxy_scale ? *proxy[i] : fit.a + fit.b * *proxy[i];
  e->ambiguity = ScoreOrPeers(
      nodes, scale, measured, predicted,
      [&](std::size_t i) { tags[i].push_back("ambiguity:legacy-work-context"), ++rep.ambiguity_measured; },
      [&](std::size_t i) { tags[i].push_back("ambiguity:imputed-from:proxies"), ++rep.ambiguity_proxy; },
      "ambiguity", &tags, &rep.ambiguity_peers);
}

// Leadership: mean z-score of the current measures present, else of the legacy ones, on
// the current composites' percentile scale.
void EstimateLeadership(const std::vector<const Occupation*>& nodes, Estimates* e, OnetImportReport* report) {
  std::vector<std::vector<std::string>>& tags = e->tags;
  OnetImportReport& rep = *report;
  const std::vector<Opt> current = Composite(nodes, {kWsLeadership, kWaGuiding, kWaCoordinating});
  const std::vector<Opt> legacy = Composite(nodes, {kLegacyLeadership, kLegacyGuiding, kLegacyCoordinating});
  std::vector<double> sample;
  for (const Opt& c : current)
    if (c) sample.push_back(*c);
  if (sample.empty())
    for (const Opt& c : legacy)
      if (c) sample.push_back(*c);
  const Ecdf scale(sample);
  auto found_current = [&](std::size_t i) {
    const auto& d = nodes[i]->d;
    if (!d[kWsLeadership]) tags[i].push_back("leadership:missing:work-styles-leadership");
    if (!d[kWaGuiding]) tags[i].push_back("leadership:missing:guiding-subordinates");
    if (!d[kWaCoordinating]) tags[i].push_back("leadership:missing:coordinating-others");
    (d[kWsLeadership] && d[kWaGuiding] && d[kWaCoordinating] ? rep.leadership_full : rep.leadership_partial) += 1;
  };
  e->leadership = ScoreOrPeers(
      nodes, scale, current, legacy, found_current,
      [&](std::size_t i) { tags[i].push_back("leadership:imputed-from:legacy-onet"), ++rep.leadership_legacy; },
      "leadership", &tags, &rep.leadership_peers);
}

// Related work experience in years, where O*NET gives none the median of the job zone (else
// of every occupation, else O*NET 29.3's median of the zone); and the preparation years P(z)
// of each job zone (O*NET 29.3's when the release gives no education at all).
void EstimateExperience(const std::vector<const Occupation*>& nodes, Estimates* e, OnetImportReport* report) {
  const std::size_t n = nodes.size();
  std::vector<std::vector<std::string>>& tags = e->tags;
  OnetImportReport& rep = *report;
  std::vector<double>& experience = e->experience;
  experience.assign(n, 0);
  std::array<std::vector<double>, 6> by_zone, edu_by_zone;
  std::vector<double> all;
  for (const Occupation* o : nodes) {
    if (o->experience) by_zone[static_cast<std::size_t>(o->zone)].push_back(*o->experience), all.push_back(*o->experience);
    if (o->education) edu_by_zone[static_cast<std::size_t>(o->zone)].push_back(*o->education);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t z = static_cast<std::size_t>(nodes[i]->zone);
    if (nodes[i]->experience) {
      experience[i] = *nodes[i]->experience;
      ++rep.experience_measured;
      continue;
    }
    ++rep.experience_imputed;
    if (!by_zone[z].empty()) {
      experience[i] = Median(by_zone[z]);
      tags[i].push_back("experience:imputed-from:median-zone-" + std::to_string(z));
    } else if (!all.empty()) {
      experience[i] = Median(all);
      tags[i].push_back("experience:imputed-from:median-all");
    } else {
      experience[i] = kReferenceZoneExperience[z];
      tags[i].push_back("experience:imputed-from:onet-29.3-median-zone-" + std::to_string(z));
    }
  }
  bool any_education = false;
  for (std::size_t z = 1; z <= 5; ++z) {
    any_education |= !edu_by_zone[z].empty();
    rep.zone_experience_years[z] =
        !by_zone[z].empty() ? Median(by_zone[z]) : !all.empty() ? Median(all) : kReferenceZoneExperience[z];
  }
  if (!any_education) {
    rep.zone_education_years = kReferenceZoneEducation;
    return;
  }
  // A higher zone never needs less preparation than a lower one; a zone without data
  // takes the zone below's.
  double running = 0;
  for (std::size_t z = 1; z <= 5; ++z) {
    if (!edu_by_zone[z].empty()) running = std::max(running, Median(edu_by_zone[z]));
    rep.zone_education_years[z] = running;
  }
}

}  // namespace

StatusOr<Estimates> Estimate(const std::vector<const Occupation*>& nodes, const OewsWages* wages,
                             std::string_view wages_release, OnetImportReport* report) {
  Estimates e;
  e.tags.resize(nodes.size());
  CAREERGRAPH_RETURN_IF_ERROR(EstimatePay(nodes, wages, wages_release, &e, report));
  EstimateAmbiguity(nodes, &e, report);
  EstimateLeadership(nodes, &e, report);
  EstimateExperience(nodes, &e, report);
  return e;
}

}  // namespace careergraph::io::onet
