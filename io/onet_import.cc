#include "io/onet_import.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>
#include <utility>
#include <vector>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "engine/career_graph.h"
#include "engine/position_index.h"
#include "io/number_parse.h"
#include "io/onet_estimates.h"
#include "io/onet_input.h"
#include "io/onet_pay.h"
#include "io/onet_skills.h"
#include "io/onet_tables.h"
#include "io/wages.h"

namespace careergraph::io {

// ---- the model ---------------------------------------------------------------------------

namespace onet {

bool ParseTier(std::string_view text, Tier* out) {
  const std::string t = ToLower(TrimBlanks(text));
  if (t == "primary-short") *out = Tier::kPrimaryShort;
  else if (t == "primary-long") *out = Tier::kPrimaryLong;
  else if (t == "supplemental") *out = Tier::kSupplemental;
  else return false;
  return true;
}

std::string_view TierName(Tier tier) {
  switch (tier) {
    case Tier::kPrimaryShort: return "Primary-Short";
    case Tier::kPrimaryLong: return "Primary-Long";
    case Tier::kSupplemental: return "Supplemental";
  }
  return "";
}

double MoveProbability(Tier tier, int rank) {
  double base = 0.50, step = 0.015;
  if (tier == Tier::kPrimaryShort) base = 0.80, step = 0.02;
  else if (tier == Tier::kPrimaryLong) base = 0.65, step = 0.02;
  // A longer tier than O*NET publishes today must not reach the next tier's values or 0.
  return std::max(0.05, base - step * std::max(0, rank));
}

double ExperienceCredit(Tier tier) {
  switch (tier) {
    case Tier::kPrimaryShort: return 0.75;
    case Tier::kPrimaryLong: return 0.5;
    case Tier::kSupplemental: return 0.25;
  }
  return 0.25;
}

double MoveYears(double from_experience, double to_experience, double from_preparation, double to_preparation,
                 Tier tier) {
  constexpr double kMinMoveYears = 1.0;
  const double experience = std::max(kMinMoveYears, to_experience - ExperienceCredit(tier) * from_experience);
  return experience + std::max(0.0, to_preparation - from_preparation);
}

double ExperienceCategoryYears(int category) {
  // Midpoints of O*NET's RW categories; "over 10 years" is read as 10-14.
  static constexpr double kYears[] = {0,         0,   0.5 / 12, 2.0 / 12, 4.5 / 12, 0.75, 1.5,
                                      3,         5,   7,        9,        12};
  return category >= 1 && category <= 11 ? kYears[category] : 0;
}

double EducationCategoryYears(int category) {
  // Years of schooling after high school: certificate / some college 1, associate 2,
  // bachelor's 4, post-baccalaureate certificate 5, master's 6, post-master's certificate
  // and first professional degree 7, doctorate 9, post-doctoral training 11.
  static constexpr double kYears[] = {0, 0, 0, 1, 1, 2, 4, 5, 6, 7, 7, 9, 11};
  return category >= 1 && category <= 12 ? kYears[category] : 0;
}

}  // namespace onet

namespace {

namespace fs = std::filesystem;
using onet::Estimates;
using onet::Input;
using onet::MajorOf;
using onet::Occupation;
using onet::RelatedEdge;

double RoundTo(double v, double per_unit) { return std::round(v * per_unit) / per_unit; }

// The graph's name, version (the releases read) and description, and a source with its licence
// and attribution for each dataset used.
void AddMetadata(const OnetImportOptions& opt, const Input& in, v1::Graph* graph) {
  v1::Graph& g = *graph;
  const bool wages = !opt.wages.empty();
  const std::string onet_release = FirstLineOf((fs::path(opt.onet_dir) / "Read Me.txt").string());
  const std::string oews_release =
      wages ? FirstLineOf((fs::path(opt.wages).parent_path() / "field_descriptions.txt").string()) : "";
  const std::string onet_name = onet_release.empty() ? "O*NET Database" : onet_release;
  const std::string oews_name = oews_release.empty() ? "OEWS (" + fs::path(opt.wages).filename().string() + ")" : oews_release;
  auto* md = g.mutable_metadata();
  md->set_name("O*NET occupational career graph");
  md->set_version(wages ? onet_name + " + " + oews_name : onet_name);
  md->set_currency("USD");
  md->set_description(
      std::string("U.S. occupations (O*NET-SOC) as positions and O*NET's Related Occupations as moves. Pay: ") +
      (wages ? "BLS OEWS annual median wage" : "unknown (no wages file was given)") +
      "; ambiguity: how unstructured the work is and leadership: how central leading and coordinating "
      "others is, both as percentiles 0..1; level: O*NET job zone 1-5; track: SOC major group. Years and success "
      "probabilities are modelled from job zones, related work experience and relatedness; tags name every imputed "
      "value. Formulas and reasoning: data/onet/README.md.");
  {
    auto* s = md->add_sources();
    std::string tables;
    for (const auto& t : in.tables_read) tables += (tables.empty() ? "" : ", ") + t;
    s->set_name(onet_name + " (USDOL/ETA): " + tables);
    s->set_url("https://www.onetcenter.org/database.html");
    s->set_licence("CC BY 4.0");
    s->set_attribution("This product includes information from the " + onet_name +
                       " by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). Used "
                       "under the CC BY 4.0 license. O*NET\xC2\xAE is a trademark of USDOL/ETA. The careergraph "
                       "project has modified all or some of this information. USDOL/ETA has not approved, endorsed, "
                       "or tested these modifications.");
  }
  if (!opt.activities.empty()) {
    auto* s = md->add_sources();
    s->set_name("O*NET Work Activities, importance (" + fs::path(opt.activities).filename().string() + ")");
    s->set_url("https://www.onetcenter.org/database.html");
    s->set_licence("CC BY 4.0");
    s->set_attribution("Contains information from the O*NET Database (Work Activities) by the U.S. Department of "
                       "Labor, Employment and Training Administration (USDOL/ETA), used under CC BY 4.0. O*NET\xC2\xAE "
                       "is a trademark of USDOL/ETA. Modified (rescaled and combined) by the careergraph project.");
  }
  if (!in.context_files.empty()) {
    auto* s = md->add_sources();
    s->set_name("O*NET legacy Work Context and Work Styles (" + in.context_files[0] +
                ") through the O*NET-SOC 2010 to 2019 crosswalk (" + in.context_files[1] + ")");
    s->set_url("https://www.onetcenter.org/database.html");
    s->set_licence("CC BY 4.0");
    s->set_attribution("Contains information from the O*NET Database (legacy Work Context) by the U.S. Department "
                       "of Labor, Employment and Training Administration (USDOL/ETA), used under CC BY 4.0. O*NET\xC2\xAE "
                       "is a trademark of USDOL/ETA. Modified (rescaled and combined) by the careergraph project.");
  }
  if (wages) {
    auto* s = md->add_sources();
    s->set_name("U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics: " + oews_name);
    s->set_url("https://www.bls.gov/oes/tables.htm");
    s->set_licence("Public domain (U.S. federal government work)");
    s->set_attribution("Source: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, " +
                       oews_name + ".");
  }
}

// One position per occupation in `nodes`, in that order: the track is the SOC major group
// with its OEWS title (the code alone without wages), the level the job zone; pay only where
// known; scores rounded to 0.001.
void AddPositions(const std::vector<const Occupation*>& nodes, const Estimates& est, const OewsWages* wages,
                  v1::Graph* graph) {
  v1::Graph& g = *graph;
  const std::size_t n = nodes.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Occupation& o = *nodes[i];
    auto* p = g.add_positions();
    p->set_id(o.code);
    p->set_title(o.title);
    p->set_description(o.description);
    const std::string major = MajorOf(o.code), title = wages ? wages->MajorGroupTitle(major) : "";
    p->set_track(title.empty() ? major : major + " " + title);
    p->set_level(o.zone);
    if (est.pay[i]) {
      p->set_annual_pay(*est.pay[i]);
      p->set_pay_basis(est.pay_basis[i]);
      p->set_pay_source(est.pay_source[i]);
      if (est.pay_error[i]) p->set_pay_error(*est.pay_error[i]);
    }
    p->set_ambiguity(RoundTo(est.ambiguity[i], 1000));
    p->set_leadership(RoundTo(est.leadership[i], 1000));
    for (const auto& t : est.tags[i]) p->add_tags(t);
  }
}

// The Related Occupations edges as the columnar transition table, by source and then index.
// The years use `report`'s zone_education_years; each move's kind is counted in it.
void AddTransitions(const Input& in, const std::vector<const Occupation*>& nodes,
                    const std::vector<std::size_t>& node_of, const Estimates& est, OnetImportReport* report,
                    v1::Graph* graph) {
  OnetImportReport& rep = *report;
  auto* table = graph->mutable_transition_table();
  std::map<std::string, std::uint32_t> provenance_ids;
  table->add_provenance_strings("");
  std::size_t k = 0;
  while (k < in.edges.size()) {
    std::size_t end = k;
    while (end < in.edges.size() && in.edges[end].from == in.edges[k].from) ++end;
    std::array<int, 3> rank{};  // place within each tier so far
    for (std::size_t e = k; e < end; ++e) {
      const RelatedEdge& edge = in.edges[e];
      const std::size_t a = node_of[edge.from], b = node_of[edge.to];
      const Occupation &from = *nodes[a], &to = *nodes[b];
      const int place = rank[static_cast<std::size_t>(edge.tier)]++;
      const double years = onet::MoveYears(est.experience[a], est.experience[b],
                                           rep.zone_education_years[static_cast<std::size_t>(from.zone)],
                                           rep.zone_education_years[static_cast<std::size_t>(to.zone)], edge.tier);
      v1::TransitionKind kind = v1::TRANSITION_KIND_LATERAL;
      if (MajorOf(from.code) != MajorOf(to.code)) kind = v1::TRANSITION_KIND_TRACK_SWITCH, ++rep.track_switch;
      else if (to.zone > from.zone) kind = v1::TRANSITION_KIND_PROMOTION, ++rep.promotion;
      else ++rep.lateral;
      const std::string prov = "O*NET Related Occupations: " + std::string(onet::TierName(edge.tier)) + ", index " +
                               std::to_string(edge.index);
      auto [it, inserted] = provenance_ids.emplace(prov, static_cast<std::uint32_t>(table->provenance_strings_size()));
      if (inserted) table->add_provenance_strings(prov);
      table->add_from(static_cast<std::uint32_t>(a));
      table->add_to(static_cast<std::uint32_t>(b));
      table->add_kind(kind);
      table->add_years(RoundTo(years, 100));
      table->add_probability(RoundTo(onet::MoveProbability(edge.tier, place), 1000));
      table->add_provenance(it->second);
    }
    k = end;
  }
}

std::string YearsByZone(const std::array<double, 6>& years) {
  std::string out;
  for (std::size_t z = 1; z <= 5; ++z) out += (z > 1 ? ", " : "") + onet::Fixed(years[z], 2);
  return out;
}

// The report's lines for the optional inputs that were absent (or gave nothing the model
// reads), each with what the import used instead.
std::vector<std::string> AbsentInputNotes(const OnetImportOptions& opt, const Input& in) {
  std::vector<std::string> notes;
  if (opt.wages.empty())
    notes.push_back("no wages file (--wages): pay is unknown on every position (left out, never 0), and tracks are "
                    "named by their SOC major group code alone");
  if (!in.experience_read)
    notes.push_back("Education, Training, and Experience.txt/.tsv not found: years use job-zone medians only, O*NET "
                    "29.3's related work experience (" + YearsByZone(onet::kReferenceZoneExperience) +
                    ") and education (" + YearsByZone(onet::kReferenceZoneEducation) +
                    " years, zones 1-5); tagged experience:imputed-from:onet-29.3-median-zone-N");
  if (!in.skills)
    notes.push_back("Skills.txt/.tsv not found: positions carry no competency profiles, and the ambiguity proxies "
                    "leave out Judgment and Decision Making");
  if (in.work_styles_values == 0)
    notes.push_back(in.work_styles_file + " gave no importance (IM) rating of Leadership (1.C.2.b), Independence "
                    "(1.C.6) or Adaptability/Flexibility (1.C.4.c)" +
                    (in.work_styles_scales.empty() ? "" : " (its scales: " + in.work_styles_scales + ")") +
                    ": leadership and the ambiguity proxies use the other measures, else the peer median");
  if (opt.activities.empty())
    notes.push_back("no work activities file (--activities): leadership uses Work Styles Leadership without Guiding, "
                    "Directing, and Motivating Subordinates or Coordinating the Work and Activities of Others; tagged "
                    "leadership:missing:guiding-subordinates and leadership:missing:coordinating-others");
  if (opt.context_dir.empty())
    notes.push_back("no legacy work context (--context): ambiguity is the percentile of the proxy composite (Work "
                    "Styles Independence and Adaptability/Flexibility, Skills Judgment and Decision Making), tagged "
                    "ambiguity:imputed-from:proxies, and leadership has no legacy O*NET fallback before the peer median");
  return notes;
}

}  // namespace

std::string OnetImportReport::Summary() const {
  std::ostringstream os;
  os << positions << " positions (of " << occupations << " occupations), " << transitions << " transitions: " << lateral
     << " lateral, " << promotion << " promotion, " << track_switch << " track-switch\n";
  if (pay_unknown > 0)
    os << "pay: unknown for " << pay_unknown << " (no wages file)\n";
  else {
    os << "pay: " << pay_own_code << " own SOC code, " << pay_broader << " broader group, " << pay_top_coded
       << " top-coded, " << pay_from_hourly << " from the hourly median\n";
    os << "pay basis: " << pay_measured << " measured, " << pay_shared << " shared, " << pay_estimated << " estimated, "
       << pay_top_coded << " top-coded\n";
    auto pct = [](double v) { return onet::Fixed(100 * v, 1) + "%"; };
    if (pay_held_out == 0)
      os << "pay estimator: no occupation with its own median could be held out; shared figures kept\n";
    else
      os << "pay estimator, " << pay_held_out << " occupations held out in " << pay_held_out_groups
         << " groups: median error " << pct(pay_estimate_error) << " (90th percentile " << pct(pay_estimate_p90)
         << ") vs the group median's " << pct(pay_baseline_error) << " (" << pct(pay_baseline_p90) << "): "
         << (pay_estimates_used ? "better, estimates used" : "not better on both, shared figures kept") << "\n";
  }
  os << "ambiguity: " << ambiguity_measured << " measured, " << ambiguity_proxy << " predicted from proxies (r = "
     << onet::Fixed(ambiguity_fit_r, 2) << " over " << ambiguity_fit_n << "), " << ambiguity_peers << " peer median\n";
  os << "leadership: " << leadership_full << " all three measures, " << leadership_partial << " partial, "
     << leadership_legacy << " legacy O*NET, " << leadership_peers << " peer median\n";
  os << "experience: " << experience_measured << " measured, " << experience_imputed << " job-zone median\n";
  os << "education years by job zone:";
  for (int z = 1; z <= 5; ++z) os << " " << z << ":" << onet::Fixed(zone_education_years[static_cast<std::size_t>(z)], 2);
  os << "\n";
  for (const auto& note : notes) os << note << "\n";
  return os.str();
}

StatusOr<OnetImport> ImportOnet(const OnetImportOptions& opt) {
  if (opt.onet_dir.empty()) return Status::InvalidArgument("no O*NET folder given (--onet-dir)").WithField("onet-dir");
  std::error_code ec;
  if (!fs::is_directory(opt.onet_dir, ec))
    return Status::NotFound("no such directory: " + opt.onet_dir + " (--onet-dir takes the folder of the O*NET text files)")
        .WithField("onet-dir");
  if (!opt.wages.empty() && !fs::is_regular_file(opt.wages, ec))
    return Status::NotFound("no such file: " + opt.wages + " (--wages takes the BLS OEWS national wages, tab-separated)")
        .WithField("wages");
  if (!opt.activities.empty() && !fs::is_regular_file(opt.activities, ec))
    return Status::NotFound("no such file: " + opt.activities + " (--activities takes a Work Activities file)")
        .WithField("activities");

  auto in = onet::ReadInput(opt);
  if (!in.ok()) return in.status();
  std::optional<OewsWages> wages;
  if (!opt.wages.empty()) {
    auto read = OewsWages::Read(opt.wages, opt.top_code);
    if (!read.ok()) return read.status();
    wages = std::move(*read);
  }
  const OewsWages* wages_or_null = wages ? &*wages : nullptr;

  OnetImport out;
  OnetImportReport& rep = out.report;
  rep.occupations = in->occ.size();

  // The graph's nodes, in code order; node index = position index.
  std::vector<const Occupation*> nodes;
  std::vector<std::size_t> node_of(in->occ.size(), 0);
  for (std::size_t i = 0; i < in->occ.size(); ++i)
    if (in->occ[i].node) node_of[i] = nodes.size(), nodes.push_back(&in->occ[i]);
  const std::string release =
      wages ? onet::OewsReleaseLabel(FirstLineOf((fs::path(opt.wages).parent_path() / "field_descriptions.txt").string()))
            : "";
  auto est = onet::Estimate(nodes, wages_or_null, release, &rep);
  if (!est.ok()) return est.status();

  AddMetadata(opt, *in, &out.graph);
  AddPositions(nodes, *est, wages_or_null, &out.graph);
  if (in->skills)
    if (Status st = AddOnetSkillProfiles(*in->skills, &out.graph); !st.ok()) return st;
  AddTransitions(*in, nodes, node_of, *est, &rep, &out.graph);
  rep.positions = nodes.size();
  rep.transitions = in->edges.size();
  rep.notes = AbsentInputNotes(opt, *in);
  return out;
}

StatusOr<std::string> EncodeOnetSnapshot(v1::Graph graph) {
  auto built = CareerGraph::Build(std::move(graph));
  if (!built.ok()) return built.status();
  const v1::Graph snapshot = (*built)->ToSnapshot(/*columnar=*/true);
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    if (!snapshot.SerializeToCodedStream(&coded) || coded.HadError())
      return Status::Internal("could not serialise the O*NET snapshot");
  }
  return bytes;
}

}  // namespace careergraph::io
