#include "io/onet_import.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <utility>
#include <vector>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "engine/career_graph.h"
#include "engine/position_index.h"
#include "engine/statistics.h"
#include "io/atomic_file.h"
#include "io/number_parse.h"
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
using onet::Tier;
using Opt = std::optional<double>;

// Per-occupation descriptor values used by the model.
enum Descriptor {
  kWsLeadership,       // Work Styles 1.C.2.b Leadership (IM)
  kWsIndependence,     // Work Styles 1.C.6 Independence (IM)
  kWsAdaptability,     // Work Styles 1.C.4.c Adaptability/Flexibility (IM)
  kSkJudgment,         // Skills 2.B.4.e Judgment and Decision Making (IM)
  kWaGuiding,          // Work Activities 4.A.4.b.4 Guiding, Directing, and Motivating Subordinates (IM)
  kWaCoordinating,     // Work Activities 4.A.4.b.1 Coordinating the Work and Activities of Others (IM)
  kLegacyUnstructured, // legacy Work Context 4.C.3.b.8 Structured versus Unstructured Work (CX)
  kLegacyLeadership,   // legacy Work Styles Leadership (IM)
  kLegacyGuiding,      // legacy Work Activities Guiding, Directing, and Motivating Subordinates (IM)
  kLegacyCoordinating, // legacy Work Activities Coordinating the Work and Activities of Others (IM)
  kNumDescriptors
};

struct Occupation {
  std::string code, title, description;
  int zone = 0;
  Opt experience;  // expected related work experience, years (RW)
  Opt education;   // expected post-secondary education, years (RL)
  std::array<Opt, kNumDescriptors> d;
  std::array<unsigned, kNumDescriptors> d_line{};
  unsigned zone_line = 0;
  // RW / RL categories seen (to reject a repeated category) and the sums of their shares.
  std::uint32_t rw_seen = 0, rl_seen = 0;
  double rw_weight = 0, rw_years = 0, rl_weight = 0, rl_years = 0;
  bool node = false;  // takes part in Related Occupations
};

struct Edge {
  std::size_t from, to;  // indexes into the occupations
  Tier tier;
  int index;
  unsigned line;
};

struct Input {
  std::vector<Occupation> occ;  // sorted by code
  std::unordered_map<std::string, std::size_t> by_code;
  std::vector<Edge> edges;
  std::string related_file;
};

bool IsOnetCode(std::string_view s) {
  if (s.size() != 10 || s[2] != '-' || s[7] != '.') return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (i != 2 && i != 7 && !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

double RoundTo(double v, double per_unit) { return std::round(v * per_unit) / per_unit; }

std::string Fixed(double v, int digits) {
  std::ostringstream os;
  os.setf(std::ios::fixed);
  os.precision(digits);
  os << v;
  return os.str();
}

// ---- finding and reading the files ---------------------------------------------------------

StatusOr<std::string> OnetFile(const std::string& dir, std::string_view name) {
  const fs::path txt = fs::path(dir) / (std::string(name) + ".txt");
  const fs::path tsv = fs::path(dir) / (std::string(name) + ".tsv");
  std::error_code ec;
  const bool has_txt = fs::is_regular_file(txt, ec), has_tsv = fs::is_regular_file(tsv, ec);
  if (has_txt && has_tsv)
    return Status::InvalidArgument("both '" + std::string(name) + ".txt' and '" + std::string(name) + ".tsv' are in " +
                                   dir + "; keep one so it is clear which is read")
        .WithField("onet-dir");
  if (!has_txt && !has_tsv)
    return Status::NotFound(dir + " has no '" + std::string(name) + ".txt' (or .tsv); --onet-dir must be the folder "
                            "of the O*NET database text files")
        .WithField("onet-dir");
  return (has_txt ? txt : tsv).string();
}

StatusOr<TsvTable> ReadOnetTable(const std::string& dir, std::string_view name) {
  auto path = OnetFile(dir, name);
  if (!path.ok()) return path.status();
  return TsvTable::Read(*path);
}

// The O*NET-SOC code of a row, checked.
StatusOr<std::string> CodeAt(const TsvTable& t, std::size_t row, int col) {
  std::string code(TrimBlanks(t.Text(row, col)));
  if (!IsOnetCode(code))
    return t.Error(row, col, "'" + code + "' is not an O*NET-SOC code; expected the form 15-1252.00");
  return code;
}

#define ASSIGN_OR_RETURN(lhs, expr)          \
  auto lhs##_or = (expr);                    \
  if (!lhs##_or.ok()) return lhs##_or.status(); \
  auto& lhs = *lhs##_or

Status ReadOccupations(const std::string& dir, Input* in) {
  ASSIGN_OR_RETURN(t, ReadOnetTable(dir, "Occupation Data"));
  ASSIGN_OR_RETURN(code_col, t.Require({"O*NET-SOC Code"}));
  ASSIGN_OR_RETURN(title_col, t.Require({"Title"}));
  const int desc_col = t.Find({"Description"});
  std::map<std::string, unsigned> lines;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    ASSIGN_OR_RETURN(code, CodeAt(t, r, code_col));
    auto [it, inserted] = lines.emplace(code, t.line(r));
    if (!inserted)
      return t.Error(r, code_col, "occupation " + code + " is listed twice (first on line " + std::to_string(it->second) + ")");
    Occupation o;
    o.code = code;
    o.title = std::string(TrimBlanks(t.Text(r, title_col)));
    if (o.title.empty()) return t.Error(r, title_col, "occupation " + code + " has no title");
    if (desc_col >= 0) o.description = std::string(TrimBlanks(t.Text(r, desc_col)));
    in->occ.push_back(std::move(o));
  }
  std::sort(in->occ.begin(), in->occ.end(), [](const Occupation& a, const Occupation& b) { return a.code < b.code; });
  for (std::size_t i = 0; i < in->occ.size(); ++i) in->by_code.emplace(in->occ[i].code, i);
  return Status::Ok();
}

Status ReadRelated(const std::string& dir, Input* in) {
  ASSIGN_OR_RETURN(t, ReadOnetTable(dir, "Related Occupations"));
  in->related_file = t.file();
  ASSIGN_OR_RETURN(from_col, t.Require({"O*NET-SOC Code"}));
  ASSIGN_OR_RETURN(to_col, t.Require({"Related O*NET-SOC Code"}));
  ASSIGN_OR_RETURN(tier_col, t.Require({"Relatedness Tier"}));
  ASSIGN_OR_RETURN(index_col, t.Require({"Index"}));
  std::map<std::pair<std::size_t, std::size_t>, unsigned> pairs;
  std::map<std::pair<std::size_t, int>, unsigned> indexes;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    ASSIGN_OR_RETURN(from, CodeAt(t, r, from_col));
    ASSIGN_OR_RETURN(to, CodeAt(t, r, to_col));
    auto f = in->by_code.find(from), g = in->by_code.find(to);
    if (f == in->by_code.end()) return t.Error(r, from_col, "occupation " + from + " is not in Occupation Data");
    if (g == in->by_code.end()) return t.Error(r, to_col, "related occupation " + to + " is not in Occupation Data");
    if (f->second == g->second) return t.Error(r, to_col, "occupation " + from + " is listed as related to itself");
    Tier tier;
    if (!onet::ParseTier(t.Text(r, tier_col), &tier))
      return t.Error(r, tier_col, "relatedness tier '" + std::string(t.Text(r, tier_col)) +
                                      "' is not one of Primary-Short, Primary-Long, Supplemental");
    int index = 0;
    if (!ParseInt(t.Text(r, index_col), &index) || index < 1)
      return t.Error(r, index_col, "index '" + std::string(t.Text(r, index_col)) + "' is not a whole number >= 1");
    if (auto [it, ok] = pairs.emplace(std::make_pair(f->second, g->second), t.line(r)); !ok)
      return t.Error(r, to_col, from + " -> " + to + " is listed twice (first on line " + std::to_string(it->second) + ")");
    if (auto [it, ok] = indexes.emplace(std::make_pair(f->second, index), t.line(r)); !ok)
      return t.Error(r, index_col, "index " + std::to_string(index) + " of " + from + " is used twice (first on line " +
                                       std::to_string(it->second) + ")");
    in->edges.push_back({f->second, g->second, tier, index, t.line(r)});
    in->occ[f->second].node = in->occ[g->second].node = true;
  }
  if (in->edges.empty())
    return Status::InvalidData("no related occupations; the import needs at least one edge").WithLocation(t.file(), t.header_line());
  std::sort(in->edges.begin(), in->edges.end(), [&](const Edge& a, const Edge& b) {
    return a.from != b.from ? a.from < b.from : a.index < b.index;
  });
  return Status::Ok();
}

Status ReadJobZones(const std::string& dir, Input* in) {
  ASSIGN_OR_RETURN(t, ReadOnetTable(dir, "Job Zones"));
  ASSIGN_OR_RETURN(code_col, t.Require({"O*NET-SOC Code"}));
  ASSIGN_OR_RETURN(zone_col, t.Require({"Job Zone"}));
  for (std::size_t r = 0; r < t.rows(); ++r) {
    ASSIGN_OR_RETURN(code, CodeAt(t, r, code_col));
    int zone = 0;
    if (!ParseInt(t.Text(r, zone_col), &zone) || zone < 1 || zone > 5)
      return t.Error(r, zone_col, "job zone '" + std::string(t.Text(r, zone_col)) + "' is not a whole number from 1 to 5");
    auto it = in->by_code.find(code);
    if (it == in->by_code.end()) continue;  // an occupation this release no longer describes
    Occupation& o = in->occ[it->second];
    if (o.zone_line) return t.Error(r, code_col, code + " has a second job zone (first on line " + std::to_string(o.zone_line) + ")");
    o.zone = zone;
    o.zone_line = t.line(r);
  }
  // Every occupation with edges needs a job zone: it is the level and drives the years.
  for (const Edge& e : in->edges)
    for (std::size_t i : {e.from, e.to})
      if (in->occ[i].zone == 0)
        return Status::InvalidData("occupation " + in->occ[i].code + " has related occupations but no row in " + t.file() +
                                   "; every occupation in the graph needs a job zone")
            .WithLocation(in->related_file, e.line);
  return Status::Ok();
}

// Related work experience (RW) and required education (RL) distributions.
Status ReadExperience(const std::string& dir, Input* in) {
  ASSIGN_OR_RETURN(t, ReadOnetTable(dir, "Education, Training, and Experience"));
  ASSIGN_OR_RETURN(code_col, t.Require({"O*NET-SOC Code"}));
  ASSIGN_OR_RETURN(scale_col, t.Require({"Scale ID"}));
  ASSIGN_OR_RETURN(cat_col, t.Require({"Category"}));
  ASSIGN_OR_RETURN(value_col, t.Require({"Data Value"}));
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const std::string scale = ToLower(TrimBlanks(t.Text(r, scale_col)));
    const bool rw = scale == "rw", rl = scale == "rl";
    if (!rw && !rl) continue;
    ASSIGN_OR_RETURN(code, CodeAt(t, r, code_col));
    const int max_cat = rw ? 11 : 12;
    int cat = 0;
    if (!ParseInt(t.Text(r, cat_col), &cat) || cat < 1 || cat > max_cat)
      return t.Error(r, cat_col, "category '" + std::string(t.Text(r, cat_col)) + "' of scale " + (rw ? "RW" : "RL") +
                                     " is not a whole number from 1 to " + std::to_string(max_cat));
    ASSIGN_OR_RETURN(pct, t.OptionalNumber(r, value_col));
    if (pct && (*pct < 0 || *pct > 100))
      return t.Error(r, value_col, "share " + Fixed(*pct, 2) + " is not a percentage from 0 to 100");
    auto it = in->by_code.find(code);
    if (it == in->by_code.end() || !pct) continue;
    Occupation& o = in->occ[it->second];
    std::uint32_t& seen = rw ? o.rw_seen : o.rl_seen;
    if (seen & (1u << cat))
      return t.Error(r, cat_col, code + " has category " + std::to_string(cat) + " of scale " + (rw ? "RW" : "RL") + " twice");
    seen |= 1u << cat;
    // Suppression flags mark single categories with a large standard error; dropping them
    // would shift the mean, so every published share is used.
    if (rw) {
      o.rw_weight += *pct;
      o.rw_years += *pct * onet::ExperienceCategoryYears(cat);
    } else {
      o.rl_weight += *pct;
      o.rl_years += *pct * onet::EducationCategoryYears(cat);
    }
  }
  for (Occupation& o : in->occ) {
    if (o.rw_weight > 0) o.experience = o.rw_years / o.rw_weight;
    if (o.rl_weight > 0) o.education = o.rl_years / o.rl_weight;
  }
  return Status::Ok();
}

struct ElementWant {
  std::string_view id;
  Descriptor slot;
};

// Long-format descriptor files (Work Styles, Skills, official Work Activities): one row per
// occupation, element and scale. `scale` selects the rows; a file without a Scale ID column
// gives the value in a column named after the scale (the work-activities compilation's "IM").
Status ReadElements(const TsvTable& t, std::string_view scale, std::initializer_list<ElementWant> wants, Input* in) {
  ASSIGN_OR_RETURN(code_col, t.Require({"O*NET-SOC Code"}));
  ASSIGN_OR_RETURN(element_col, t.Require({"Element ID"}));
  const int scale_col = t.Find({"Scale ID"});
  int value_col = -1;
  if (scale_col >= 0) {
    ASSIGN_OR_RETURN(v, t.Require({"Data Value"}));
    value_col = v;
  } else {
    ASSIGN_OR_RETURN(v, t.Require({scale, "Data Value"}));
    value_col = v;
  }
  const int suppress_col = t.Find({"Recommend Suppress"});
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const std::string_view element = TrimBlanks(t.Text(r, element_col));
    const ElementWant* want = nullptr;
    for (const ElementWant& w : wants)
      if (w.id == element) want = &w;
    if (!want) continue;
    if (scale_col >= 0 && ToLower(TrimBlanks(t.Text(r, scale_col))) != ToLower(scale)) continue;
    ASSIGN_OR_RETURN(code, CodeAt(t, r, code_col));
    ASSIGN_OR_RETURN(value, t.OptionalNumber(r, value_col));
    if (value && (*value < 0 || *value > 7))
      return t.Error(r, value_col, "value " + Fixed(*value, 2) + " is outside O*NET's rating scales (0 to 7)");
    auto it = in->by_code.find(code);
    if (it == in->by_code.end()) continue;
    Occupation& o = in->occ[it->second];
    if (o.d_line[want->slot])
      return t.Error(r, element_col, code + " has element " + std::string(element) + " (" + std::string(scale) +
                                         ") twice (first on line " + std::to_string(o.d_line[want->slot]) + ")");
    o.d_line[want->slot] = t.line(r);
    // O*NET advises against using an estimate it marks for suppression (too few raters or
    // too large an error); it counts as missing.
    const bool suppressed = suppress_col >= 0 && ToLower(TrimBlanks(t.Text(r, suppress_col))) == "y";
    if (value && !suppressed) o.d[want->slot] = *value;
  }
  return Status::Ok();
}

Status ReadDescriptors(const OnetImportOptions& opt, Input* in) {
  {
    ASSIGN_OR_RETURN(t, ReadOnetTable(opt.onet_dir, "Work Styles"));
    CAREERGRAPH_RETURN_IF_ERROR(ReadElements(
        t, "IM", {{"1.C.2.b", kWsLeadership}, {"1.C.6", kWsIndependence}, {"1.C.4.c", kWsAdaptability}}, in));
  }
  {
    ASSIGN_OR_RETURN(t, ReadOnetTable(opt.onet_dir, "Skills"));
    CAREERGRAPH_RETURN_IF_ERROR(ReadElements(t, "IM", {{"2.B.4.e", kSkJudgment}}, in));
  }
  if (!opt.activities.empty()) {
    ASSIGN_OR_RETURN(t, TsvTable::Read(opt.activities));
    CAREERGRAPH_RETURN_IF_ERROR(ReadElements(t, "IM", {{"4.A.4.b.4", kWaGuiding}, {"4.A.4.b.1", kWaCoordinating}}, in));
  }
  return Status::Ok();
}

// The legacy context table (wide: one row per O*NET-SOC 2010 occupation) and the 2010 ->
// 2019 crosswalk, recognised in --context by their headers.
Status ReadContext(const std::string& dir, Input* in, std::vector<std::string>* files_used) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return Status::NotFound("no such directory: " + dir + " (--context takes the folder holding the legacy Work "
                            "Context table and the SOC 2010 to 2019 crosswalk)")
        .WithField("context");
  std::vector<std::string> paths;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string ext = ToLower(entry.path().extension().string());
    if (entry.is_regular_file(ec) && (ext == ".txt" || ext == ".tsv")) paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  std::optional<TsvTable> context, crosswalk;
  for (const auto& p : paths) {
    // Recognised by the header line alone, so other text files in the folder (notes, a
    // README) are passed over whatever their content; a recognised table is read in full.
    ASSIGN_OR_RETURN(text, ReadFile(p));
    auto head = TsvTable::Parse(std::string_view(text).substr(0, text.find('\n')), p);
    if (!head.ok()) continue;
    const bool is_context_head =
        head->Find({"Work_Context:Structured_versus_Unstructured_Work", "Structured versus Unstructured Work"}) >= 0;
    const bool is_crosswalk_head = head->Find({"soc2010_code", "O*NET-SOC 2010 Code"}) >= 0 &&
                                   head->Find({"soc2019_code", "O*NET-SOC 2019 Code"}) >= 0;
    if (!is_context_head && !is_crosswalk_head) continue;
    ASSIGN_OR_RETURN(t, TsvTable::Parse(text, p));
    const bool is_context = t.Find({"Work_Context:Structured_versus_Unstructured_Work", "Structured versus Unstructured Work"}) >= 0;
    const bool is_crosswalk = t.Find({"soc2010_code", "O*NET-SOC 2010 Code"}) >= 0 && t.Find({"soc2019_code", "O*NET-SOC 2019 Code"}) >= 0;
    std::optional<TsvTable>* slot = is_context ? &context : is_crosswalk ? &crosswalk : nullptr;
    if (!slot) continue;
    if (*slot)
      return Status::InvalidArgument(std::string("two ") + (is_context ? "work-context tables" : "crosswalks") + " in " + dir +
                                     ": " + (*slot)->file() + " and " + p + "; keep one")
          .WithField("context");
    *slot = std::move(t);
  }
  if (!context || !crosswalk)
    return Status::NotFound(dir + " has no " + std::string(!context ? "work-context table (a column 'Structured versus Unstructured Work')"
                                                                    : "SOC 2010 to 2019 crosswalk (columns 'soc2010_code' and 'soc2019_code')") +
                            " among its .txt/.tsv files")
        .WithField("context");
  files_used->push_back(fs::path(context->file()).filename().string());
  files_used->push_back(fs::path(crosswalk->file()).filename().string());

  // Legacy values by 2010 code.
  const TsvTable& c = *context;
  ASSIGN_OR_RETURN(code_col, c.Require({"onet_soc_2010_code", "O*NET-SOC 2010 Code", "O*NET-SOC Code"}));
  const std::array<std::pair<Descriptor, int>, 4> cols = {{
      {kLegacyUnstructured, c.Find({"Work_Context:Structured_versus_Unstructured_Work", "Structured versus Unstructured Work"})},
      {kLegacyLeadership, c.Find({"Work_Styles:Leadership", "Leadership"})},
      {kLegacyGuiding, c.Find({"Work_Activities:Guiding, Directing, and Motivating Subordinates",
                               "Guiding, Directing, and Motivating Subordinates"})},
      {kLegacyCoordinating, c.Find({"Work_Activities:Coordinating the Work and Activities of Others",
                                    "Coordinating the Work and Activities of Others"})},
  }};
  std::map<std::string, std::pair<std::array<Opt, 4>, unsigned>> legacy;
  for (std::size_t r = 0; r < c.rows(); ++r) {
    ASSIGN_OR_RETURN(code, CodeAt(c, r, code_col));
    std::array<Opt, 4> values;
    for (std::size_t k = 0; k < cols.size(); ++k) {
      if (cols[k].second < 0) continue;
      ASSIGN_OR_RETURN(v, c.OptionalNumber(r, cols[k].second));
      if (v && (*v < 1 || *v > 5))
        return c.Error(r, cols[k].second, "value " + Fixed(*v, 2) + " is outside the 1 to 5 scale");
      values[k] = v;
    }
    auto [it, ok] = legacy.emplace(code, std::make_pair(values, c.line(r)));
    if (!ok) return c.Error(r, code_col, code + " is listed twice (first on line " + std::to_string(it->second.second) + ")");
  }

  // 2019 code -> its 2010 codes (many-to-many), each once, in code order.
  const TsvTable& x = *crosswalk;
  ASSIGN_OR_RETURN(from_col, x.Require({"soc2010_code", "O*NET-SOC 2010 Code"}));
  ASSIGN_OR_RETURN(to_col, x.Require({"soc2019_code", "O*NET-SOC 2019 Code"}));
  std::map<std::string, std::vector<std::string>> sources;
  for (std::size_t r = 0; r < x.rows(); ++r) {
    ASSIGN_OR_RETURN(from, CodeAt(x, r, from_col));
    ASSIGN_OR_RETURN(to, CodeAt(x, r, to_col));
    sources[to].push_back(from);
  }
  for (auto& [to, from] : sources) {
    std::sort(from.begin(), from.end());
    from.erase(std::unique(from.begin(), from.end()), from.end());
    auto it = in->by_code.find(to);
    if (it == in->by_code.end()) continue;
    Occupation& o = in->occ[it->second];
    for (std::size_t k = 0; k < cols.size(); ++k) {
      double sum = 0;
      int n = 0;
      for (const auto& f : from) {
        auto l = legacy.find(f);
        if (l != legacy.end() && l->second.first[k]) sum += *l->second.first[k], ++n;
      }
      if (n > 0) o.d[cols[k].first] = sum / n;
    }
  }
  return Status::Ok();
}

// ---- statistics ---------------------------------------------------------------------------

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

std::string MajorOf(const std::string& code) { return code.substr(0, 2); }

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

#undef ASSIGN_OR_RETURN

}  // namespace

std::string OnetImportReport::Summary() const {
  std::ostringstream os;
  os << positions << " positions (of " << occupations << " occupations), " << transitions << " transitions: " << lateral
     << " lateral, " << promotion << " promotion, " << track_switch << " track-switch\n";
  os << "pay: " << pay_own_code << " own SOC code, " << pay_broader << " broader group, " << pay_top_coded
     << " top-coded, " << pay_from_hourly << " from the hourly median\n";
  os << "ambiguity: " << ambiguity_measured << " measured, " << ambiguity_proxy << " predicted from proxies (r = "
     << Fixed(ambiguity_fit_r, 2) << " over " << ambiguity_fit_n << "), " << ambiguity_peers << " peer median\n";
  os << "leadership: " << leadership_full << " all three measures, " << leadership_partial << " partial, "
     << leadership_legacy << " legacy O*NET, " << leadership_peers << " peer median\n";
  os << "experience: " << experience_measured << " measured, " << experience_imputed << " job-zone median\n";
  os << "education years by job zone:";
  for (int z = 1; z <= 5; ++z) os << " " << z << ":" << Fixed(zone_education_years[static_cast<std::size_t>(z)], 2);
  os << "\n";
  return os.str();
}

StatusOr<OnetImport> ImportOnet(const OnetImportOptions& opt) {
  if (opt.onet_dir.empty()) return Status::InvalidArgument("no O*NET folder given (--onet-dir)").WithField("onet-dir");
  if (opt.wages.empty()) return Status::InvalidArgument("no wages file given (--wages)").WithField("wages");
  std::error_code ec;
  if (!fs::is_directory(opt.onet_dir, ec))
    return Status::NotFound("no such directory: " + opt.onet_dir + " (--onet-dir takes the folder of the O*NET text files)")
        .WithField("onet-dir");
  if (!fs::is_regular_file(opt.wages, ec))
    return Status::NotFound("no such file: " + opt.wages + " (--wages takes the BLS OEWS national wages, tab-separated)")
        .WithField("wages");
  if (!opt.activities.empty() && !fs::is_regular_file(opt.activities, ec))
    return Status::NotFound("no such file: " + opt.activities + " (--activities takes a Work Activities file)")
        .WithField("activities");

  Input in;
  CAREERGRAPH_RETURN_IF_ERROR(ReadOccupations(opt.onet_dir, &in));
  CAREERGRAPH_RETURN_IF_ERROR(ReadRelated(opt.onet_dir, &in));
  CAREERGRAPH_RETURN_IF_ERROR(ReadJobZones(opt.onet_dir, &in));
  CAREERGRAPH_RETURN_IF_ERROR(ReadExperience(opt.onet_dir, &in));
  CAREERGRAPH_RETURN_IF_ERROR(ReadDescriptors(opt, &in));
  std::vector<std::string> context_files;
  if (!opt.context_dir.empty()) CAREERGRAPH_RETURN_IF_ERROR(ReadContext(opt.context_dir, &in, &context_files));
  auto wages = OewsWages::Read(opt.wages, opt.top_code);
  if (!wages.ok()) return wages.status();

  OnetImport out;
  OnetImportReport& rep = out.report;
  rep.occupations = in.occ.size();

  // The graph's nodes, in code order; node index = position index.
  std::vector<const Occupation*> nodes;
  std::vector<std::size_t> node_of(in.occ.size(), 0);
  for (std::size_t i = 0; i < in.occ.size(); ++i)
    if (in.occ[i].node) node_of[i] = nodes.size(), nodes.push_back(&in.occ[i]);
  const std::size_t n = nodes.size();
  std::vector<std::vector<std::string>> tags(n);

  // Pay.
  std::vector<double> pay(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string soc = nodes[i]->code.substr(0, 7);
    auto p = wages->PayFor(soc);
    if (!p.ok())
      return Status::NotFound(p.status().message() + ", needed for occupation " + nodes[i]->code + " " + nodes[i]->title +
                              "; use the complete national wages file")
          .WithField("wages");
    pay[i] = std::round(p->annual);
    tags[i].push_back("pay:oews:" + p->soc);
    if (p->broader) tags[i].push_back("pay:imputed-from:" + p->soc), ++rep.pay_broader;
    else ++rep.pay_own_code;
    if (p->top_coded) tags[i].push_back("pay:top-coded"), ++rep.pay_top_coded;
    if (p->from_hourly) tags[i].push_back("pay:from-hourly-x2080"), ++rep.pay_from_hourly;
  }

  // Ambiguity: the legacy measure where there is one, else predicted from the proxies, on
  // the measured values' percentile scale.
  std::vector<double> ambiguity(n, 0);
  std::vector<bool> have_ambiguity(n, false);
  {
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
    for (std::size_t i = 0; i < n; ++i) {
      if (measured[i]) {
        ambiguity[i] = scale(*measured[i]);
        tags[i].push_back("ambiguity:legacy-work-context");
        ++rep.ambiguity_measured;
      } else if (proxy[i]) {
        ambiguity[i] = scale(proxy_scale ? *proxy[i] : fit.a + fit.b * *proxy[i]);
        tags[i].push_back("ambiguity:imputed-from:proxies");
        ++rep.ambiguity_proxy;
      } else {
        continue;
      }
      have_ambiguity[i] = true;
    }
    const auto labels = FillFromPeers(nodes, &ambiguity, &have_ambiguity);
    for (std::size_t i = 0; i < n; ++i)
      if (!labels[i].empty()) tags[i].push_back("ambiguity:imputed-from:" + labels[i]), ++rep.ambiguity_peers;
  }

  // Leadership: mean z-score of the current measures present, else of the legacy ones, on
  // the current composites' percentile scale.
  std::vector<double> leadership(n, 0);
  std::vector<bool> have_leadership(n, false);
  {
    const std::vector<Opt> current = Composite(nodes, {kWsLeadership, kWaGuiding, kWaCoordinating});
    const std::vector<Opt> legacy = Composite(nodes, {kLegacyLeadership, kLegacyGuiding, kLegacyCoordinating});
    std::vector<double> sample;
    for (const Opt& c : current)
      if (c) sample.push_back(*c);
    if (sample.empty())
      for (const Opt& c : legacy)
        if (c) sample.push_back(*c);
    const Ecdf scale(sample);
    for (std::size_t i = 0; i < n; ++i) {
      if (current[i]) {
        leadership[i] = scale(*current[i]);
        const auto& d = nodes[i]->d;
        if (!d[kWsLeadership]) tags[i].push_back("leadership:missing:work-styles-leadership");
        if (!d[kWaGuiding]) tags[i].push_back("leadership:missing:guiding-subordinates");
        if (!d[kWaCoordinating]) tags[i].push_back("leadership:missing:coordinating-others");
        (d[kWsLeadership] && d[kWaGuiding] && d[kWaCoordinating] ? rep.leadership_full : rep.leadership_partial) += 1;
      } else if (legacy[i]) {
        leadership[i] = scale(*legacy[i]);
        tags[i].push_back("leadership:imputed-from:legacy-onet");
        ++rep.leadership_legacy;
      } else {
        continue;
      }
      have_leadership[i] = true;
    }
    const auto labels = FillFromPeers(nodes, &leadership, &have_leadership);
    for (std::size_t i = 0; i < n; ++i)
      if (!labels[i].empty()) tags[i].push_back("leadership:imputed-from:" + labels[i]), ++rep.leadership_peers;
  }

  // Experience (years) and preparation by job zone.
  std::vector<double> experience(n, 0);
  {
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
        tags[i].push_back("experience:imputed-as:0");
      }
    }
    // A higher zone never needs less preparation than a lower one; a zone without data
    // takes the zone below's.
    double running = 0;
    for (std::size_t z = 1; z <= 5; ++z) {
      if (!edu_by_zone[z].empty()) running = std::max(running, Median(edu_by_zone[z]));
      rep.zone_education_years[z] = running;
    }
  }

  // Metadata and sources.
  v1::Graph& g = out.graph;
  const std::string onet_release = FirstLineOf((fs::path(opt.onet_dir) / "Read Me.txt").string());
  const std::string oews_release =
      FirstLineOf((fs::path(opt.wages).parent_path() / "field_descriptions.txt").string());
  const std::string onet_name = onet_release.empty() ? "O*NET Database" : onet_release;
  const std::string oews_name = oews_release.empty() ? "OEWS (" + fs::path(opt.wages).filename().string() + ")" : oews_release;
  auto* md = g.mutable_metadata();
  md->set_name("O*NET occupational career graph");
  md->set_version(onet_name + " + " + oews_name);
  md->set_currency("USD");
  md->set_description(
      "U.S. occupations (O*NET-SOC) as positions and O*NET's Related Occupations as moves. Pay: BLS OEWS annual "
      "median wage; ambiguity: how unstructured the work is and leadership: how central leading and coordinating "
      "others is, both as percentiles 0..1; level: O*NET job zone 1-5; track: SOC major group. Years and success "
      "probabilities are modelled from job zones, related work experience and relatedness; tags name every imputed "
      "value. Formulas and reasoning: data/onet/README.md.");
  {
    auto* s = md->add_sources();
    s->set_name(onet_name + " (USDOL/ETA): Occupation Data, Related Occupations, Job Zones, Education, Training, and "
                "Experience, Work Styles, Skills");
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
  if (!context_files.empty()) {
    auto* s = md->add_sources();
    s->set_name("O*NET legacy Work Context and Work Styles (" + context_files[0] + ") through the O*NET-SOC 2010 to 2019 crosswalk (" +
                context_files[1] + ")");
    s->set_url("https://www.onetcenter.org/database.html");
    s->set_licence("CC BY 4.0");
    s->set_attribution("Contains information from the O*NET Database (legacy Work Context) by the U.S. Department "
                       "of Labor, Employment and Training Administration (USDOL/ETA), used under CC BY 4.0. O*NET\xC2\xAE "
                       "is a trademark of USDOL/ETA. Modified (rescaled and combined) by the careergraph project.");
  }
  {
    auto* s = md->add_sources();
    s->set_name("U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics: " + oews_name);
    s->set_url("https://www.bls.gov/oes/tables.htm");
    s->set_licence("Public domain (U.S. federal government work)");
    s->set_attribution("Source: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, " +
                       oews_name + ".");
  }

  // Positions.
  for (std::size_t i = 0; i < n; ++i) {
    const Occupation& o = *nodes[i];
    auto* p = g.add_positions();
    p->set_id(o.code);
    p->set_title(o.title);
    p->set_description(o.description);
    const std::string major = MajorOf(o.code), title = wages->MajorGroupTitle(major);
    p->set_track(title.empty() ? major : major + " " + title);
    p->set_level(o.zone);
    p->set_annual_pay(pay[i]);
    p->set_ambiguity(RoundTo(ambiguity[i], 1000));
    p->set_leadership(RoundTo(leadership[i], 1000));
    for (auto& t : tags[i]) p->add_tags(std::move(t));
  }
  {
    auto skills = ReadOnetTable(opt.onet_dir, "Skills");
    if (!skills.ok()) return skills.status();
    if (Status st = AddOnetSkillProfiles(*skills, &g); !st.ok()) return st;
  }

  // Transitions, as the columnar table, by source and then index.
  auto* table = g.mutable_transition_table();
  std::map<std::string, std::uint32_t> provenance_ids;
  table->add_provenance_strings("");
  std::size_t k = 0;
  while (k < in.edges.size()) {
    std::size_t end = k;
    while (end < in.edges.size() && in.edges[end].from == in.edges[k].from) ++end;
    std::array<int, 3> rank{};  // place within each tier so far
    for (std::size_t e = k; e < end; ++e) {
      const Edge& edge = in.edges[e];
      const std::size_t a = node_of[edge.from], b = node_of[edge.to];
      const Occupation &from = *nodes[a], &to = *nodes[b];
      const int place = rank[static_cast<std::size_t>(edge.tier)]++;
      const double years = onet::MoveYears(experience[a], experience[b],
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
  rep.positions = n;
  rep.transitions = in.edges.size();
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
