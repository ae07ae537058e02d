#include "bench/synthetic.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace careergraph::bench {
namespace {

constexpr std::uint32_t T = kSyntheticTracks;
constexpr std::uint32_t L = kSyntheticLevels;
enum Track : std::uint32_t { kSwe, kEm, kPm, kTpm, kDesign, kData };

constexpr const char* kTrackIds[T] = {"swe", "em", "pm", "tpm", "design", "data"};
constexpr const char* kTrackNames[T] = {"Software Engineering", "Engineering Management", "Product Management",
                                        "Technical Program Management", "Design", "Data Science"};
constexpr const char* kTitles[T][L] = {
    {"Software Engineer I", "Software Engineer II", "Senior Software Engineer", "Tech Lead",
     "Staff Software Engineer", "Senior Staff Software Engineer", "Principal Engineer",
     "Senior Principal Engineer", "Distinguished Engineer", "Fellow"},
    {"Engineering Team Lead", "Associate Engineering Manager", "Engineering Manager", "Senior Engineering Manager",
     "Director of Engineering", "Senior Director of Engineering", "VP of Engineering", "Senior VP of Engineering",
     "Executive VP of Engineering", "Chief Technology Officer"},
    {"Associate Product Manager", "Product Manager", "Senior Product Manager", "Group Product Manager",
     "Principal Product Manager", "Director of Product", "Senior Director of Product", "VP of Product",
     "Senior VP of Product", "Chief Product Officer"},
    {"Associate Technical Program Manager", "Technical Program Manager", "Senior Technical Program Manager",
     "Staff Technical Program Manager", "Principal Technical Program Manager", "Director of Program Management",
     "Senior Director of Program Management", "VP of Program Management", "Senior VP of Program Management",
     "Executive VP of Operations"},
    {"Associate Product Designer", "Product Designer", "Senior Product Designer", "Staff Product Designer",
     "Principal Product Designer", "Design Manager", "Director of Design", "Senior Director of Design",
     "VP of Design", "Chief Design Officer"},
    {"Associate Data Scientist", "Data Scientist", "Senior Data Scientist", "Staff Data Scientist",
     "Principal Data Scientist", "Data Science Manager", "Director of Data Science",
     "Senior Director of Data Science", "VP of Data", "Chief Data Officer"},
};

// Track effects (SWE EM PM TPM Design Data). The PM/TPM gaps exceed the largest noise
// difference below, so PM > TPM holds position by position, not only on average.
constexpr double kPayPremium[T] = {1.00, 1.12, 1.06, 0.97, 0.88, 0.99};
constexpr double kAmbiguityBonus[T] = {0.00, 0.08, 0.12, 0.05, 0.06, 0.03};
constexpr double kLeadershipBonus[T] = {0.00, 0.30, 0.14, 0.06, 0.02, 0.00};
constexpr double kPayNoise = 0.04;        // multiplicative, uniform in +-2%
constexpr double kAttributeNoise = 0.06;  // additive, uniform in +-0.03
// Families for in-company moves: a move inside a family is TRANSITION_KIND_LATERAL, across is TRANSITION_KIND_TRACK_SWITCH.
constexpr int kFamily[T] = {0, 1, 2, 2, 2, 0};

struct InCompanyMove {
  Track from, to;
  std::uint32_t min_level;
};
// The moves practitioners describe: SWE -> TPM/EM/Data, TPM -> PM, PM <-> TPM, EM <-> SWE, ...
constexpr InCompanyMove kInCompany[] = {
    {kSwe, kTpm, 1}, {kSwe, kEm, 4},  {kSwe, kData, 1}, {kTpm, kPm, 1},  {kTpm, kEm, 4},
    {kTpm, kSwe, 1}, {kPm, kEm, 4},   {kPm, kTpm, 1},   {kEm, kSwe, 1},  {kEm, kPm, 1},
    {kData, kSwe, 1}, {kData, kPm, 1}, {kDesign, kPm, 1}, {kDesign, kEm, 5},
};

enum Stream : std::uint64_t {
  kCompanyPay = 1, kPayStream, kAmbStream, kLeadStream, kPromoYears, kPromoProb, kLatOffset, kLatYears,
  kLatProb, kExtCompany, kExtSwitch, kExtTrack, kExtOffset, kExtYears, kExtProb,
};

std::uint64_t SplitMix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// Counter-based uniform in [0, 1): a pure function of (seed, stream, index).
class HashRng {
 public:
  explicit HashRng(std::uint64_t seed) : seed_(seed) {}
  double U01(Stream stream, std::uint64_t index) const {
    const std::uint64_t base = SplitMix64(seed_ * 0x100000001B3ULL + stream * 0x1000193ULL);
    return static_cast<double>(SplitMix64(index ^ base) >> 11) * 0x1.0p-53;
  }
  // Integer in [0, n).
  std::uint32_t Below(Stream stream, std::uint64_t index, std::uint32_t n) const {
    return std::min(n - 1, static_cast<std::uint32_t>(U01(stream, index) * n));
  }

 private:
  std::uint64_t seed_;
};

double Round(double x, double unit) { return std::round(x / unit) * unit; }

double Probability(double p) { return std::clamp(Round(p, 1e-4), 1e-4, 1.0); }

struct Move {
  std::uint32_t to;
  v1::TransitionKind kind;
  std::uint32_t years8;  // years * 8
  double probability;
};

}  // namespace

std::string SyntheticPositionId(std::uint32_t company, std::uint32_t track, std::uint32_t level) {
  std::string id = "c";
  id += std::to_string(company);
  id += '-';
  id += kTrackIds[track];
  id += '-';
  id += std::to_string(level);
  return id;
}

v1::Graph SyntheticLadder(const SyntheticOptions& o) {
  const std::uint32_t C = std::max<std::uint32_t>(o.companies, 1);
  const std::uint32_t n = C * T * L;
  const HashRng rng(o.seed);
  v1::Graph g;
  auto* md = g.mutable_metadata();
  md->set_name("synthetic ladder: " + std::to_string(C) + " companies x " + std::to_string(T) + " tracks x " +
               std::to_string(L) + " levels");
  md->set_version("synthetic-c" + std::to_string(C) + "-s" + std::to_string(o.seed) + "-x" +
                  std::to_string(o.external_degree));
  md->set_currency("USD");
  md->set_description(
      "Seeded synthetic ladder for benchmarks (bench/synthetic.h): promotions, in-company track moves and "
      "cross-company moves; numbers are generated, not observed.");
  auto* src = md->add_sources();
  src->set_name("careergraph synthetic generator (bench/synthetic.cc)");
  src->set_licence("generated data, no restrictions");

  // ---- positions ----
  std::vector<std::string> orgs(C);
  std::vector<double> company_factor(C);
  for (std::uint32_t c = 0; c < C; ++c) {
    orgs[c] = "Company " + std::to_string(c);
    // Centred sum of four uniforms: roughly normal, bounded.
    double z = 0;
    for (int j = 0; j < 4; ++j) z += rng.U01(kCompanyPay, 4ULL * c + j);
    company_factor[c] = std::clamp(std::exp(0.22 * (z - 2.0) * std::sqrt(3.0)), 0.6, 1.8);
  }
  g.mutable_positions()->Reserve(static_cast<int>(n));
  for (std::uint32_t c = 0; c < C; ++c) {
    for (std::uint32_t t = 0; t < T; ++t) {
      for (std::uint32_t l = 1; l <= L; ++l) {
        const std::uint32_t v = SyntheticPosition(c, t, l);
        auto* p = g.add_positions();
        p->set_id(SyntheticPositionId(c, t, l));
        p->set_title(kTitles[t][l - 1]);
        p->set_org(orgs[c]);
        p->set_track(kTrackIds[t]);
        p->set_level(static_cast<std::int32_t>(l));
        const double pay = 62000.0 * std::pow(1.17, l - 1.0) * kPayPremium[t] * company_factor[c] *
                           (1.0 + kPayNoise * (rng.U01(kPayStream, v) - 0.5));
        p->set_annual_pay(Round(pay, 100.0));
        p->set_ambiguity(std::clamp(Round(0.06 + 0.085 * (l - 1) + kAmbiguityBonus[t] +
                                              kAttributeNoise * (rng.U01(kAmbStream, v) - 0.5),
                                          1e-4),
                                    0.0, 1.0));
        p->set_leadership(std::clamp(Round(0.04 + 0.06 * (l - 1) + kLeadershipBonus[t] +
                                               kAttributeNoise * (rng.U01(kLeadStream, v) - 0.5),
                                           1e-4),
                                     0.0, 1.0));
        if (l == 1) p->set_description(kTrackNames[t]);
      }
    }
  }

  if (o.competencies) {
    static constexpr const char* kCompetencyIds[kSyntheticTracks] = {"technology", "people", "product_sense",
                                                                     "program_management", "design", "data"};
    for (std::uint32_t t = 0; t < T; ++t) {
      auto* c = g.mutable_metadata()->add_competencies();
      c->set_id(kCompetencyIds[t]);
      c->set_name(kCompetencyIds[t]);
      c->set_scale_min(0);
      c->set_scale_max(5);
    }
    for (auto& p : *g.mutable_positions()) {
      const std::uint32_t v = static_cast<std::uint32_t>(&p - &g.positions(0));
      const std::uint32_t t = (v / L) % T, l = v % L + 1;
      for (std::uint32_t k = 0; k < T; ++k) {
        const std::uint32_t level = k == t ? 1 + l / 2 : kFamily[k] == kFamily[t] ? l / 3 : 0;
        if (level == 0) continue;
        auto* r = p.add_competencies();
        r->set_competency(kCompetencyIds[k]);
        r->set_level(std::min<std::uint32_t>(level, 5));
      }
    }
  }

  // ---- transitions, sorted by (from, to) ----
  auto* table = g.mutable_transition_table();
  const int expected = static_cast<int>(std::min<std::uint64_t>(
      static_cast<std::uint64_t>(n) * (3 + o.external_degree), static_cast<std::uint64_t>(1) << 30));
  table->mutable_from()->Reserve(expected);
  table->mutable_to()->Reserve(expected);
  table->mutable_kind()->Reserve(expected);
  table->mutable_years()->Reserve(expected);
  table->mutable_probability()->Reserve(expected);
  std::vector<Move> moves;
  for (std::uint32_t c = 0; c < C; ++c) {
    for (std::uint32_t t = 0; t < T; ++t) {
      for (std::uint32_t l = 1; l <= L; ++l) {
        const std::uint32_t v = SyntheticPosition(c, t, l);
        moves.clear();
        if (l < L) {
          const std::uint32_t k = rng.Below(kPromoYears, v, 7) + (l - 1) * 6 / 9;  // senior steps take longer
          moves.push_back({v + 1, v1::TRANSITION_KIND_PROMOTION, 12 + std::min<std::uint32_t>(k, 12),
                           Probability(0.92 - 0.07 * (l - 1) + 0.1 * (rng.U01(kPromoProb, v) - 0.5))});
        }
        for (std::uint32_t j = 0; j < std::size(kInCompany); ++j) {
          const InCompanyMove& rule = kInCompany[j];
          if (rule.from != t || l < rule.min_level) continue;
          const std::uint64_t key = static_cast<std::uint64_t>(v) * 16 + j;
          const double u = rng.U01(kLatOffset, key);
          std::uint32_t to_level = u < 0.2 ? l - 1 : u < 0.8 ? l : l + 1;
          if (to_level < 1 || to_level > L) to_level = l;
          moves.push_back({SyntheticPosition(c, rule.to, to_level),
                           kFamily[t] == kFamily[rule.to] ? v1::TRANSITION_KIND_LATERAL : v1::TRANSITION_KIND_TRACK_SWITCH,
                           4 + rng.Below(kLatYears, key, 13), Probability(0.05 + 0.35 * rng.U01(kLatProb, key))});
        }
        if (C > 1) {
          for (std::uint32_t j = 0; j < o.external_degree; ++j) {
            const std::uint64_t key = static_cast<std::uint64_t>(v) * o.external_degree + j;
            const std::uint32_t oc = (c + 1 + rng.Below(kExtCompany, key, C - 1)) % C;
            const std::uint32_t ot = rng.U01(kExtSwitch, key) < 0.25 ? rng.Below(kExtTrack, key, T) : t;
            const double u = rng.U01(kExtOffset, key);
            const std::uint32_t off = std::min<std::uint32_t>(u < 0.55 ? 0 : u < 0.93 ? 1 : 2, L - l);
            moves.push_back({SyntheticPosition(oc, ot, l + off), v1::TRANSITION_KIND_ORG_CHANGE,
                             8 + rng.Below(kExtYears, key, 13) + 4 * off,
                             Probability(0.25 - 0.08 * off + 0.1 * (rng.U01(kExtProb, key) - 0.5))});
          }
        }
        // Stable: among parallel moves the first generated (promotion, in-company, external) wins.
        std::stable_sort(moves.begin(), moves.end(), [](const Move& a, const Move& b) { return a.to < b.to; });
        for (std::size_t i = 0; i < moves.size(); ++i) {
          const Move& m = moves[i];
          if (m.to == v || (i > 0 && moves[i - 1].to == m.to)) continue;
          table->add_from(v);
          table->add_to(m.to);
          table->add_kind(m.kind);
          table->add_years(m.years8 / 8.0);
          table->add_probability(m.probability);
        }
      }
    }
  }
  return g;
}

}  // namespace careergraph::bench
