#include "io/onet_input.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <sstream>
#include <utility>

#include "engine/position_index.h"
#include "io/atomic_file.h"
#include "io/number_parse.h"

namespace careergraph::io::onet {

namespace {

namespace fs = std::filesystem;
using Opt = std::optional<double>;

bool IsOnetCode(std::string_view s) {
  if (s.size() != 10 || s[2] != '-' || s[7] != '.') return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (i != 2 && i != 7 && !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

// ---- finding and reading the files ---------------------------------------------------------

// The path of table `name` in `dir`, "<name>.txt" or "<name>.tsv"; empty when neither is there.
StatusOr<std::string> OnetFile(const std::string& dir, std::string_view name) {
  const fs::path txt = fs::path(dir) / (std::string(name) + ".txt");
  const fs::path tsv = fs::path(dir) / (std::string(name) + ".tsv");
  std::error_code ec;
  const bool has_txt = fs::is_regular_file(txt, ec), has_tsv = fs::is_regular_file(tsv, ec);
  if (has_txt && has_tsv)
    return Status::InvalidArgument("both '" + std::string(name) + ".txt' and '" + std::string(name) + ".tsv' are in " +
                                   dir + "; keep one so it is clear which is read")
        .WithField("onet-dir");
  return has_txt ? txt.string() : has_tsv ? tsv.string() : std::string();
}

// An optional table of --onet-dir: nullopt when the folder does not have it.
StatusOr<std::optional<TsvTable>> ReadOptionalOnetTable(const std::string& dir, std::string_view name) {
  auto path = OnetFile(dir, name);
  if (!path.ok()) return path.status();
  if (path->empty()) return std::optional<TsvTable>();
  auto t = TsvTable::Read(*path);
  if (!t.ok()) return t.status();
  return std::optional<TsvTable>(std::move(*t));
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
  in->tables_read.push_back("Occupation Data");
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
  in->tables_read.push_back("Related Occupations");
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
    if (!ParseTier(t.Text(r, tier_col), &tier))
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
  std::sort(in->edges.begin(), in->edges.end(), [&](const RelatedEdge& a, const RelatedEdge& b) {
    return a.from != b.from ? a.from < b.from : a.index < b.index;
  });
  return Status::Ok();
}

Status ReadJobZones(const std::string& dir, Input* in) {
  ASSIGN_OR_RETURN(t, ReadOnetTable(dir, "Job Zones"));
  in->tables_read.push_back("Job Zones");
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
  for (const RelatedEdge& e : in->edges)
    for (std::size_t i : {e.from, e.to})
      if (in->occ[i].zone == 0)
        return Status::InvalidData("occupation " + in->occ[i].code + " has related occupations but no row in " + t.file() +
                                   "; every occupation in the graph needs a job zone")
            .WithLocation(in->related_file, e.line);
  return Status::Ok();
}

// Related work experience (RW) and required education (RL) distributions, when the folder has
// them (onet_estimates.h falls back on job-zone medians).
Status ReadExperience(const std::string& dir, Input* in) {
  ASSIGN_OR_RETURN(table, ReadOptionalOnetTable(dir, "Education, Training, and Experience"));
  if (!table) return Status::Ok();
  in->tables_read.push_back("Education, Training, and Experience");
  in->experience_read = true;
  const TsvTable& t = *table;
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
      o.rw_years += *pct * ExperienceCategoryYears(cat);
    } else {
      o.rl_weight += *pct;
      o.rl_years += *pct * EducationCategoryYears(cat);
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

// Descriptor files (Work Styles, Skills, Work Activities) in either O*NET layout
// (OnetScales): the `scale` values of the elements `wants`. Returns how many values it found
// for occupations of the input.
StatusOr<std::size_t> ReadElements(const TsvTable& t, std::string_view scale, std::initializer_list<ElementWant> wants,
                                   Input* in) {
  ASSIGN_OR_RETURN(code_col, t.Require({"O*NET-SOC Code"}));
  ASSIGN_OR_RETURN(element_col, t.Require({"Element ID"}));
  ASSIGN_OR_RETURN(scales, OnetScales::Find(t, {scale}));
  const int suppress_col = t.Find({"Recommend Suppress"});
  std::size_t found = 0;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const std::string_view element = TrimBlanks(t.Text(r, element_col));
    const ElementWant* want = nullptr;
    for (const ElementWant& w : wants)
      if (w.id == element) want = &w;
    if (!want) continue;
    const int value_col = scales.Column(t, r, 0);
    if (value_col < 0) continue;
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
    if (value && !suppressed) o.d[want->slot] = *value, ++found;
  }
  return found;
}

Status ReadDescriptors(const OnetImportOptions& opt, Input* in) {
  {
    ASSIGN_OR_RETURN(t, ReadOnetTable(opt.onet_dir, "Work Styles"));
    in->tables_read.push_back("Work Styles");
    ASSIGN_OR_RETURN(found, ReadElements(t, "IM", {{"1.C.2.b", kWsLeadership}, {"1.C.6", kWsIndependence},
                                                   {"1.C.4.c", kWsAdaptability}}, in));
    in->work_styles_file = fs::path(t.file()).filename().string();
    in->work_styles_values = found;
    ASSIGN_OR_RETURN(scales, OnetScales::Find(t, {"IM"}));
    in->work_styles_scales = scales.ScalesIn(t);
  }
  {
    ASSIGN_OR_RETURN(t, ReadOptionalOnetTable(opt.onet_dir, "Skills"));
    if (t) {
      in->tables_read.push_back("Skills");
      CAREERGRAPH_RETURN_IF_ERROR(ReadElements(*t, "IM", {{"2.B.4.e", kSkJudgment}}, in).status());
      in->skills = std::move(t);
    }
  }
  if (!opt.activities.empty()) {
    ASSIGN_OR_RETURN(t, TsvTable::Read(opt.activities));
    CAREERGRAPH_RETURN_IF_ERROR(
        ReadElements(t, "IM", {{"4.A.4.b.4", kWaGuiding}, {"4.A.4.b.1", kWaCoordinating}}, in).status());
  }
  return Status::Ok();
}

// The legacy context table (wide: one row per O*NET-SOC 2010 occupation) and the 2010 ->
// 2019 crosswalk, recognised in --context by their headers.
Status ReadContext(const std::string& dir, Input* in) {
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
  in->context_files.push_back(fs::path(context->file()).filename().string());
  in->context_files.push_back(fs::path(crosswalk->file()).filename().string());

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

#undef ASSIGN_OR_RETURN

}  // namespace

StatusOr<TsvTable> ReadOnetTable(const std::string& dir, std::string_view name) {
  auto path = OnetFile(dir, name);
  if (!path.ok()) return path.status();
  if (path->empty())
    return Status::NotFound(dir + " has no '" + std::string(name) + ".txt' (or .tsv), a table the import needs: " +
                            "Occupation Data, Related Occupations, Job Zones and Work Styles are required (the other "
                            "O*NET tables are optional); --onet-dir must be the folder of the O*NET database text files")
        .WithField("onet-dir");
  return TsvTable::Read(*path);
}

StatusOr<Input> ReadInput(const OnetImportOptions& options) {
  Input in;
  CAREERGRAPH_RETURN_IF_ERROR(ReadOccupations(options.onet_dir, &in));
  CAREERGRAPH_RETURN_IF_ERROR(ReadRelated(options.onet_dir, &in));
  CAREERGRAPH_RETURN_IF_ERROR(ReadJobZones(options.onet_dir, &in));
  CAREERGRAPH_RETURN_IF_ERROR(ReadExperience(options.onet_dir, &in));
  CAREERGRAPH_RETURN_IF_ERROR(ReadDescriptors(options, &in));
  if (!options.context_dir.empty()) CAREERGRAPH_RETURN_IF_ERROR(ReadContext(options.context_dir, &in));
  return in;
}

std::string MajorOf(const std::string& code) { return code.substr(0, 2); }

std::string Fixed(double v, int digits) {
  std::ostringstream os;
  os.setf(std::ios::fixed);
  os.precision(digits);
  os << v;
  return os.str();
}

}  // namespace careergraph::io::onet
