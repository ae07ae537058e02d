// Importing the O*NET database and BLS OEWS wages as a careergraph.v1.Graph of occupations.
//
// Positions are the occupations that take part in O*NET's Related Occupations lists (id =
// O*NET-SOC code, title and description from Occupation Data); transitions are those lists'
// edges, each occupation's 20 most related, with tier and index kept as provenance.
// data/onet/README.md explains every formula and why; in short:
//   pay         OEWS A_MEDIAN of the SOC code (15-1252.00 -> 15-1252), else of the nearest
//               broader group that publishes one (wages.h); '#' = the top code, flagged;
//               unknown (absent) without a wages file. Each figure has a basis (measured,
//               shared, estimated, top-coded), a source in words and, where measured, a
//               typical error (onet_pay.h)
//   ambiguity   Work Context "Structured versus Unstructured Work" (legacy O*NET, through
//               the SOC 2010 -> 2019 crosswalk, averaged over the 2010 codes); where it is
//               missing, predicted by least squares from Work Styles Independence and
//               Adaptability/Flexibility and Skills Judgment and Decision Making; then
//               placed on the empirical distribution of the measured values (mid-rank
//               percentile, 0..1)
//   leadership  mean z-score of Work Styles Leadership and the work activities Guiding,
//               Directing, and Motivating Subordinates / Coordinating the Work and
//               Activities of Others (importance), as a mid-rank percentile 0..1
//   level       job zone (1..5);  track: SOC major group ("15 Computer and Mathematical")
//   years       max(1, E(to) - rho(tier) * E(from)) + max(0, P(zone(to)) - P(zone(from)))
//               E = expected related work experience (RW category midpoints), P(z) = median
//               post-secondary education years (RL) of job zone z, rho = 0.75 / 0.5 / 0.25;
//               without Education, Training, and Experience, O*NET 29.3's zone medians
//   probability Primary-Short 0.80, Primary-Long 0.65, Supplemental 0.50, less 0.02
//               (Supplemental 0.015) per place within the tier
//   kind        track-switch across major groups; else promotion to a higher job zone;
//               else lateral
// A value that had to be imputed is tagged on its position with what was used instead
// ("pay:top-coded", "pay:imputed-from:15-1250", "ambiguity:imputed-from:proxies",
// "leadership:imputed-from:median-15-zone-4", ...).
//
// Design choices:
//  - Three steps, a file each: onet_input.h reads the O*NET tables into one record per
//    occupation and the related-occupation edges; onet_estimates.h turns those (and the
//    wages, wages.h) into each occupation's pay, ambiguity, leadership and experience,
//    imputing and tagging what is missing; ImportOnet (onet_import.cc) assembles the Graph.
//  - Files are found by name in --onet-dir ("Job Zones.txt" or "Job Zones.tsv"), columns
//    by header name (onet_tables.h), descriptors by Element ID (stable across releases,
//    unlike element names), so a later release with reordered or extra columns imports;
//    descriptor tables in either O*NET layout (29.x: "Scale ID" + "Data Value" rows; 30.x: a
//    column per scale, OnetScales).
//  - Four inputs are required: Occupation Data, Related Occupations, Job Zones and Work
//    Styles. The rest enrich the graph, and each one absent is a line of the report saying
//    what was used instead (OnetImportReport::notes): without the wages pay is unknown (never
//    0), without Education, Training, and Experience years use job-zone medians, without
//    Skills positions have no competency profiles, and so on.
//  - All-or-nothing: the first malformed row stops the import with file:line. A snapshot
//    with quietly dropped rows would be worse than none.
//  - Deterministic: positions are sorted by code, transitions by source, then index;
//    every sum runs in that order and values are rounded (pay to the dollar, scores to
//    0.001, years to 0.01), and nothing from the environment (paths, time) enters the
//    snapshot, so the same inputs give byte-identical bytes (EncodeOnetSnapshot).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "careergraph/v1/graph.pb.h"
#include "engine/status.h"

namespace careergraph::io {

struct OnetImportOptions {
  std::string onet_dir;     // O*NET text files (.txt or .tsv)
  std::string wages;        // optional: BLS OEWS national wages, tab-separated (without: pay unknown)
  std::string context_dir;  // optional: legacy Work Context table + SOC 2010->2019 crosswalk
  std::string activities;   // optional: Work Activities importance (IM)
  double top_code = 0;      // annual wage '#' stands for; 0 = from field_descriptions.txt
};

// What the import found, for the summary the CLI prints and the README's numbers.
struct OnetImportReport {
  std::size_t occupations = 0;  // rows of Occupation Data
  std::size_t positions = 0, transitions = 0;
  std::size_t lateral = 0, promotion = 0, track_switch = 0;
  std::size_t pay_own_code = 0, pay_broader = 0, pay_top_coded = 0, pay_from_hourly = 0;
  std::size_t pay_unknown = 0;  // no wages file
  // Pay basis (onet_pay.h): own code, a group's figure, estimated; top-coded is pay_top_coded.
  std::size_t pay_measured = 0, pay_shared = 0, pay_estimated = 0;
  // The estimator's held-out validation: occupations with their own median given only their
  // group's wages; median and 90th-percentile absolute relative error of the estimate and of
  // the group median (the baseline); whether the estimates were used (both errors lower).
  std::size_t pay_held_out = 0, pay_held_out_groups = 0;
  double pay_estimate_error = 0, pay_estimate_p90 = 0, pay_baseline_error = 0, pay_baseline_p90 = 0;
  bool pay_estimates_used = false;
  std::size_t ambiguity_measured = 0, ambiguity_proxy = 0, ambiguity_peers = 0;
  std::size_t ambiguity_fit_n = 0;  // occupations with both the measure and the proxies
  double ambiguity_fit_r = 0;       // correlation of the proxy composite with the measure
  std::size_t leadership_full = 0, leadership_partial = 0, leadership_legacy = 0, leadership_peers = 0;
  std::size_t experience_measured = 0, experience_imputed = 0;
  std::array<double, 6> zone_education_years{};   // P(z), index 1..5
  std::array<double, 6> zone_experience_years{};  // median E of each job zone, index 1..5
  // One line per optional input that was absent (or gave none of the values the model reads)
  // and what the import used instead, e.g. "Skills.txt/.tsv not found: positions carry no
  // competency profiles ...".
  std::vector<std::string> notes;
  std::string Summary() const;  // a few lines for people
};

struct OnetImport {
  v1::Graph graph;  // positions by code; transitions as the columnar table, by source, then index
  OnetImportReport report;
};

StatusOr<OnetImport> ImportOnet(const OnetImportOptions& options);

// The bytes of the snapshot an import is shipped as: validated by CareerGraph::Build,
// written back in the columnar form (CareerGraph::ToSnapshot(true)) and serialised
// deterministically.
StatusOr<std::string> EncodeOnetSnapshot(v1::Graph graph);

// The model, exposed so tests can check it number by number.
namespace onet {

enum class Tier { kPrimaryShort, kPrimaryLong, kSupplemental };
// "Primary-Short", "Primary-Long", "Supplemental" (case-insensitive).
bool ParseTier(std::string_view text, Tier* out);
std::string_view TierName(Tier tier);
// Success probability of a move to the occupation at place `rank` (0-based) in `tier`.
double MoveProbability(Tier tier, int rank);
// Share of the source occupation's related experience that counts towards the target.
double ExperienceCredit(Tier tier);
// Expected years of a move; experiences in years, preparation = P(zone) in years.
double MoveYears(double from_experience, double to_experience, double from_preparation,
                 double to_preparation, Tier tier);
// Years a Related Work Experience (RW) category stands for (its midpoint; 1..11).
double ExperienceCategoryYears(int category);
// Post-secondary years a Required Level of Education (RL) category stands for (1..12).
double EducationCategoryYears(int category);

// Job-zone medians of O*NET 29.3 (its 923 occupations with related occupations), in years,
// index 1..5: related work experience E and post-secondary education P(z). A release folder
// without Education, Training, and Experience uses them (tests/onet_integration_test.cc
// checks them against the data).
inline constexpr std::array<double, 6> kReferenceZoneExperience = {0, 0.71, 1.21, 2.27, 3.10, 3.05};
inline constexpr std::array<double, 6> kReferenceZoneEducation = {0, 0.12, 0.29, 1.41, 3.81, 7.30};

}  // namespace onet
}  // namespace careergraph::io
