#include "io/onet_pay.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "engine/statistics.h"
#include "io/number_parse.h"

namespace careergraph::io::onet {

namespace {

constexpr std::size_t kP10 = 0, kP25 = 1, kMedian = AnnualPercentiles::kMedian, kP75 = 3, kP90 = 4;

double RoundTo(double v, double per_unit) { return std::round(v * per_unit) / per_unit; }

// "$239,200"
std::string Dollars(double v) {
  std::string digits = std::to_string(static_cast<long long>(std::llround(v)));
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return "$" + out;
}

// "11-9121 Natural Sciences Managers" (the code alone when the file has no titles).
std::string Named(const OccupationPay& p) { return p.title.empty() ? p.soc : p.soc + " " + p.title; }

// Solves the normal equations A beta = b for the columns in `active`; false when they are
// singular (an evidence that is a multiple of another over the cases).
bool Solve(std::array<std::array<double, kEvidence>, kEvidence> a, Deviation b, const std::vector<std::size_t>& active,
           Deviation* beta) {
  const std::size_t k = active.size();
  std::vector<std::vector<double>> m(k, std::vector<double>(k + 1));
  double scale = 0;
  for (std::size_t r = 0; r < k; ++r) {
    for (std::size_t c = 0; c < k; ++c) m[r][c] = a[active[r]][active[c]];
    m[r][k] = b[active[r]];
    scale = std::max(scale, std::abs(m[r][r]));
  }
  for (std::size_t i = 0; i < k; ++i) {
    std::size_t pivot = i;
    for (std::size_t r = i + 1; r < k; ++r)
      if (std::abs(m[r][i]) > std::abs(m[pivot][i])) pivot = r;
    if (std::abs(m[pivot][i]) <= 1e-12 * scale) return false;
    std::swap(m[i], m[pivot]);
    for (std::size_t r = 0; r < k; ++r) {
      if (r == i) continue;
      const double f = m[r][i] / m[i][i];
      for (std::size_t c = i; c <= k; ++c) m[r][c] -= f * m[i][c];
    }
  }
  *beta = Deviation{};
  for (std::size_t i = 0; i < k; ++i) (*beta)[active[i]] = m[i][k] / m[i][i];
  return true;
}

PayEvidence EvidenceOf(const Occupation& o) { return {o.zone, o.education, o.experience}; }

}  // namespace

std::vector<Deviation> Deviations(std::span<const PayEvidence> members) {
  std::vector<Deviation> out(members.size(), Deviation{});
  for (std::size_t j = 0; j < kEvidence; ++j) {
    auto value = [&](const PayEvidence& e) -> std::optional<double> {
      if (j == 0) return static_cast<double>(e.zone);
      return j == 1 ? e.education : e.experience;
    };
    double sum = 0;
    std::size_t n = 0;
    for (const PayEvidence& e : members)
      if (auto v = value(e)) sum += *v, ++n;
    if (n < 2) continue;
    const double mean = sum / static_cast<double>(n);
    for (std::size_t i = 0; i < members.size(); ++i)
      if (auto v = value(members[i])) out[i][j] = *v - mean;
  }
  return out;
}

GroupWages GroupWagesOf(const AnnualPercentiles& p) {
  GroupWages g;
  for (std::size_t k = 0; k < g.at.size(); ++k) g.at[k] = p.wage[k].value;
  g.median_top_coded = p.wage[kMedian].mark == PublishedWage::Mark::kTopCoded;
  return g;
}

bool CanPlace(const GroupWages& g) {
  for (std::size_t k : {kP25, kMedian, kP75})
    if (!g.at[k] || *g.at[k] <= 0) return false;
  return !g.median_top_coded;
}

double Place(const PayModel& model, const GroupWages& g, const Deviation& d) {
  double shift = 0;
  for (std::size_t j = 0; j < kEvidence; ++j) shift += model.beta[j] * d[j];
  double pay = *g.at[kMedian] * std::exp(std::log(*g.at[kP75] / *g.at[kP25]) * shift);
  // A sibling's median outside the group's 10th..90th percentiles would be a guess beyond
  // what the group publishes. A top-coded P90 is a floor, so capping at it is conservative.
  if (g.at[kP10]) pay = std::max(pay, *g.at[kP10]);
  if (g.at[kP90]) pay = std::min(pay, *g.at[kP90]);
  return pay;
}

PayModel FitPayModel(std::span<const HeldOutCase> cases, std::string_view except_group) {
  std::array<std::array<double, kEvidence>, kEvidence> a{};
  Deviation b{};
  PayModel model;
  for (const HeldOutCase& c : cases) {
    if (!except_group.empty() && c.group == except_group) continue;
    const double spread = std::log(*c.wages.at[kP75] / *c.wages.at[kP25]);
    const double y = std::log(c.own / *c.wages.at[kMedian]);
    Deviation x;
    for (std::size_t j = 0; j < kEvidence; ++j) x[j] = spread * c.deviation[j];
    for (std::size_t r = 0; r < kEvidence; ++r) {
      b[r] += x[r] * y;
      for (std::size_t k = 0; k < kEvidence; ++k) a[r][k] += x[r] * x[k];
    }
    ++model.cases;
  }
  // Evidence without spread (a release without Education, Training, and Experience has no
  // education or experience) says nothing: beta 0. Should the rest be collinear, drop the
  // last until they solve.
  std::vector<std::size_t> active;
  for (std::size_t j = 0; j < kEvidence; ++j)
    if (a[j][j] > 1e-12) active.push_back(j);
  while (!active.empty() && !Solve(a, b, active, &model.beta)) active.pop_back();
  if (active.empty()) model.beta = Deviation{};
  return model;
}

double NearestRankQuantile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const double rank = std::ceil(p * static_cast<double>(values.size()));
  const std::size_t k = static_cast<std::size_t>(std::max(1.0, rank)) - 1;
  return values[std::min(k, values.size() - 1)];
}

PayValidation ValidatePayModel(std::span<const HeldOutCase> cases) {
  PayValidation v;
  std::map<std::string, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < cases.size(); ++i) groups[cases[i].group].push_back(i);
  std::vector<double> estimate, baseline;
  for (const auto& [group, members] : groups) {
    const PayModel model = FitPayModel(cases, group);
    for (std::size_t i : members) {
      const HeldOutCase& c = cases[i];
      estimate.push_back(std::abs(Place(model, c.wages, c.deviation) - c.own) / c.own);
      baseline.push_back(std::abs(*c.wages.at[kMedian] - c.own) / c.own);
    }
  }
  v.cases = cases.size();
  v.groups = groups.size();
  v.estimate_median = Median(estimate);
  v.estimate_p90 = NearestRankQuantile(estimate, 0.9);
  v.baseline_median = Median(baseline);
  v.baseline_p90 = NearestRankQuantile(baseline, 0.9);
  v.estimator_wins = v.cases >= kMinHeldOutCases && v.estimate_median < v.baseline_median &&
                     v.estimate_p90 < v.baseline_p90;
  return v;
}

std::string OewsReleaseLabel(std::string_view first_line) {
  const std::string_view line = TrimBlanks(first_line);
  const std::size_t at = line.find("OEWS");
  if (at == std::string_view::npos || at == 0) return "OEWS";
  return "OEWS " + std::string(TrimBlanks(line.substr(0, at)));
}

StatusOr<PayFigures> AssignPay(const std::vector<const Occupation*>& nodes, const OewsWages& wages,
                               std::string_view release, OnetImportReport* report) {
  OnetImportReport& rep = *report;
  const std::size_t n = nodes.size();
  PayFigures f;
  f.pay.assign(n, 0);
  f.basis.assign(n, v1::PAY_BASIS_UNSPECIFIED);
  f.source.assign(n, "");
  f.error.assign(n, std::nullopt);
  f.tags.resize(n);

  // Each occupation's published figure, and which occupations use each OEWS code.
  std::vector<OccupationPay> pays(n);
  std::map<std::string, std::vector<std::size_t>> users;
  for (std::size_t i = 0; i < n; ++i) {
    auto p = wages.PayFor(nodes[i]->code.substr(0, 7));
    if (!p.ok())
      return Status::NotFound(p.status().message() + ", needed for occupation " + nodes[i]->code + " " +
                              nodes[i]->title + "; use the complete national wages file")
          .WithField("wages");
    pays[i] = std::move(*p);
    f.pay[i] = std::round(pays[i].annual);
    users[pays[i].soc].push_back(i);
    auto& tags = f.tags[i];
    tags.push_back("pay:oews:" + pays[i].soc);
    if (pays[i].broader) tags.push_back("pay:imputed-from:" + pays[i].soc), ++rep.pay_broader;
    else ++rep.pay_own_code;
    if (pays[i].top_coded) tags.push_back("pay:top-coded"), ++rep.pay_top_coded;
    if (pays[i].from_hourly) tags.push_back("pay:from-hourly-x2080"), ++rep.pay_from_hourly;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const bool alone = users[pays[i].soc].size() == 1;
    f.basis[i] = pays[i].top_coded                ? v1::PAY_BASIS_TOP_CODED
                 : !pays[i].broader && alone ? v1::PAY_BASIS_MEASURED
                                             : v1::PAY_BASIS_SHARED;
  }

  // The held-out cases: occupations with their own annual median, given only their nearest
  // broader group's wages (onet_pay.h). An hourly-only median is not comparable with a
  // group's annual percentiles, so those are left out.
  std::vector<PayEvidence> evidence(n);
  for (std::size_t i = 0; i < n; ++i) evidence[i] = EvidenceOf(*nodes[i]);
  for (std::size_t i = 0; i < n; ++i) {
    if (f.basis[i] != v1::PAY_BASIS_MEASURED || pays[i].from_hourly) continue;
    const std::string code = nodes[i]->code.substr(0, 7);
    for (std::size_t prefix : {6u, 5u}) {  // broad 15-1250, then minor 15-1200
      const std::string group = code.substr(0, prefix) + std::string(7 - prefix, '0');
      if (group == code) continue;
      std::vector<std::size_t> members;
      std::set<std::string> codes;
      for (std::size_t j = 0; j < n; ++j)
        if (nodes[j]->code.compare(0, prefix, code, 0, prefix) == 0)
          members.push_back(j), codes.insert(nodes[j]->code.substr(0, 7));
      // With one SOC code under it the group's wage is the occupation's own.
      if (codes.size() < 2) continue;
      const auto pct = wages.Percentiles(group);
      if (!pct) continue;
      const GroupWages g = GroupWagesOf(*pct);
      if (!CanPlace(g)) continue;
      std::vector<PayEvidence> member_evidence;
      for (std::size_t j : members) member_evidence.push_back(evidence[j]);
      const auto devs = Deviations(member_evidence);
      const std::size_t self = static_cast<std::size_t>(std::find(members.begin(), members.end(), i) - members.begin());
      f.held_out.push_back({nodes[i]->code, group, g, devs[self], pays[i].annual});
      break;
    }
  }
  f.validation = ValidatePayModel(f.held_out);
  f.model = FitPayModel(f.held_out);
  const PayValidation& v = f.validation;

  const std::string of = release.empty() ? "OEWS" : std::string(release);
  for (const auto& [soc, who] : users) {
    const OccupationPay& p = pays[who.front()];
    const std::string shared_by = who.size() > 1 ? ", shared by " + std::to_string(who.size()) + " occupations" : "";
    const std::string figure = p.from_hourly ? " hourly median of " : " median of ";
    const std::string group = (p.broader ? "the broader group " : "") + Named(p);
    std::string source = of + figure + group + (p.from_hourly ? " x 2,080 hours" : "");
    if (p.top_coded) source += ", top-coded: at least " + Dollars(p.annual);
    source += shared_by;
    // The siblings' own figures, when the validation says the estimator beats the group median.
    std::optional<GroupWages> g;
    if (who.size() > 1 && v.estimator_wins && !p.top_coded && !p.from_hourly)
      if (const auto pct = wages.Percentiles(soc); pct && CanPlace(GroupWagesOf(*pct))) g = GroupWagesOf(*pct);
    std::vector<Deviation> devs;
    if (g) {
      std::vector<PayEvidence> member_evidence;
      for (std::size_t i : who) member_evidence.push_back(evidence[i]);
      devs = Deviations(member_evidence);
    }
    for (std::size_t k = 0; k < who.size(); ++k) {
      const std::size_t i = who[k];
      if (g) {
        f.pay[i] = std::round(Place(f.model, *g, devs[k]));
        f.basis[i] = v1::PAY_BASIS_ESTIMATED;
        f.error[i] = RoundTo(v.estimate_median, 1000);
        f.source[i] = "estimated within " + of + " " + Named(p) +
                      "'s wage percentiles from job zone, education and experience (group median " +
                      Dollars(p.annual) + shared_by + ")";
        f.tags[i].push_back("pay:estimated-within:" + soc);
        continue;
      }
      f.source[i] = source;
      // A group's figure is typically as far from an occupation's own median as the
      // validation's baseline found.
      if (f.basis[i] == v1::PAY_BASIS_SHARED && v.cases >= kMinHeldOutCases)
        f.error[i] = RoundTo(v.baseline_median, 1000);
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    switch (f.basis[i]) {
      case v1::PAY_BASIS_MEASURED: ++rep.pay_measured; break;
      case v1::PAY_BASIS_SHARED: ++rep.pay_shared; break;
      case v1::PAY_BASIS_ESTIMATED: ++rep.pay_estimated; break;
      default: break;  // top-coded, counted above
    }
  }
  rep.pay_held_out = v.cases;
  rep.pay_held_out_groups = v.groups;
  rep.pay_estimate_error = v.estimate_median;
  rep.pay_estimate_p90 = v.estimate_p90;
  rep.pay_baseline_error = v.baseline_median;
  rep.pay_baseline_p90 = v.baseline_p90;
  rep.pay_estimates_used = v.estimator_wins;
  return f;
}

}  // namespace careergraph::io::onet
