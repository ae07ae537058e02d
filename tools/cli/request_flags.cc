#include "tools/cli/request_flags.h"

#include <algorithm>
#include <mutex>

#include "engine/choices.h"
#include "engine/request_fields.h"
#include "io/profile_file.h"

namespace careergraph::cli {
namespace {

std::vector<std::pair<std::string, std::string>>& Spellings() {
  static std::vector<std::pair<std::string, std::string>> s;
  return s;
}

// "--max-moves,-m" -> "--max-moves".
std::string LongName(const std::string& names) {
  const auto comma = names.find(',');
  return comma == std::string::npos ? names : names.substr(0, comma);
}

bool IsPathChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }

}  // namespace

RequestFlags::RequestFlags(CLI::App& sub, const google::protobuf::Descriptor* request) : sub_(sub), request_(request) {}

CLI::Option* RequestFlags::Value(const std::string& names, const std::string& path, std::string help) {
  const auto* f = FieldAtPath(request_, path);
  if (!f) throw std::logic_error("no field " + path + " in " + request_->full_name());
  if (f->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_ENUM)
    help += ": " + Choices::Of(f->enum_type()).Help();
  auto b = std::make_unique<Binding>();
  b->flag = LongName(names);
  b->path = path;
  b->option = sub_.add_option(names, b->values, help);
  if (f->is_repeated()) {
    b->option->delimiter(',');
  } else {
    b->option->expected(1);
    b->option->multi_option_policy(CLI::MultiOptionPolicy::Throw);
  }
  bindings_.push_back(std::move(b));
  return bindings_.back()->option;
}

CLI::Option* RequestFlags::Pairs(const std::string& names, const std::string& path, const std::string& help) {
  auto b = std::make_unique<Binding>();
  b->flag = LongName(names);
  b->path = path;
  b->is_pairs = true;
  b->option = sub_.add_option(names, b->values, help)->delimiter(',');
  bindings_.push_back(std::move(b));
  return bindings_.back()->option;
}

CLI::Option* RequestFlags::Map(const std::string& names, const std::string& path, const std::string& help) {
  const auto* f = request_->FindFieldByName(path);
  if (!f || !f->is_map() || f->message_type()->map_value()->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_DOUBLE)
    throw std::logic_error("no map<string, double> field " + path + " in " + request_->full_name());
  auto b = std::make_unique<Binding>();
  b->flag = LongName(names);
  b->path = path;
  b->is_map = true;
  b->option = sub_.add_option(names, b->values, help)->delimiter(',');
  bindings_.push_back(std::move(b));
  return bindings_.back()->option;
}

CLI::Option* RequestFlags::Switch(const std::string& names, const std::string& path, const std::string& help) {
  auto b = std::make_unique<Binding>();
  b->flag = LongName(names);
  b->path = path;
  b->is_switch = true;
  b->option = sub_.add_flag(names, b->on, help);
  bindings_.push_back(std::move(b));
  return bindings_.back()->option;
}

void RequestFlags::Constraints(const std::string& p, bool routes) {
  const char* into = routes ? "pass through" : "move into";
  Value("--avoid", p + "avoid_positions", std::string("Never ") + into + " these positions (repeat or comma-separate)");
  Value("--avoid-track", p + "avoid_tracks", "Never enter these tracks");
  Value("--avoid-org", p + "avoid_orgs", "Never enter these orgs");
  Value("--avoid-kind", p + "avoid_kinds", "Never make these moves");
  if (routes) {
    Value("--via", p + "via", "Pass through these positions, in order");
    Value("--max-moves", p + "max_moves", "At most this many moves (0 = no limit)");
    Value("--max-years", p + "max_years", "At most this many years in total (0 = no limit)");
  }
  Value("--max-ambiguity", p + "max_ambiguity", std::string("Never ") + into + " a position above this ambiguity, 0..1 (0 = no limit)");
  Switch("--no-pay-cut", p + "no_pay_cut", "Never move to a lower-paid position");
  Value("--max-gap", p + "max_gap", "No move whose competency gap exceeds this (see `careergraph gap`)");
  Value("--max-growth", p + "max_growth", "No move that asks to grow any one competency by more than this many levels");
}

void RequestFlags::MoveExclusions() {
  Constraints("constraints.", /*routes=*/false);
  Value("--min-leadership", "min_leadership", "Never move into a position below this leadership proximity, 0..1");
}

Status RequestFlags::FillPairs(const Binding& b, google::protobuf::Message* msg) const {
  const auto* holder = FieldAtPath(request_, b.path);
  const auto* type = holder ? holder->message_type() : nullptr;
  if (!type) throw std::logic_error("no message field " + b.path + " in " + request_->full_name());
  std::string names;
  for (int i = 0; i < type->field_count(); ++i) names += std::string(i ? ", " : "") + type->field(i)->name();
  std::vector<std::string> seen;
  for (const auto& item : b.values) {
    if (item.empty()) continue;
    const auto eq = item.find('=');
    if (eq == std::string::npos)
      return Status::InvalidArgument("'" + item + "' is not NAME=VALUE (names: " + names + ")").WithField(b.path);
    const std::string name = item.substr(0, eq);
    if (!type->FindFieldByName(name))
      return Status::InvalidArgument("unknown name '" + name + "' in '" + item + "'; use " + names).WithField(b.path);
    if (std::find(seen.begin(), seen.end(), name) != seen.end())
      return Status::InvalidArgument("'" + name + "' is given twice").WithField(b.path + "." + name);
    seen.push_back(name);
    CAREERGRAPH_RETURN_IF_ERROR(SetFieldText(msg, b.path + "." + name, item.substr(eq + 1)));
  }
  return Status::Ok();
}

Status RequestFlags::FillMap(const Binding& b, google::protobuf::Message* msg) const {
  const auto* field = msg->GetDescriptor()->FindFieldByName(b.path);
  const auto* entry = field->message_type();
  const auto* refl = msg->GetReflection();
  std::vector<std::string> seen;
  auto add = [&](const std::string& key, double value) {
    google::protobuf::Message* e = refl->AddMessage(msg, field);
    e->GetReflection()->SetString(e, entry->map_key(), key);
    e->GetReflection()->SetDouble(e, entry->map_value(), value);
  };
  for (const auto& raw : b.values) {
    const auto first = raw.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    const std::string item = raw.substr(first, raw.find_last_not_of(" \t") - first + 1);
    if (item[0] == '@') {  // @FILE: the levels kept in a profile file (io/profile_file.h)
      auto held = io::ReadProfileFile(item.substr(1));
      if (!held.ok()) return Status(held.status().code(), held.status().message()).WithField(b.path);
      for (const auto& h : *held) {
        if (std::find(seen.begin(), seen.end(), h.competency) != seen.end())
          return Status::InvalidArgument("'" + h.competency + "' is given twice (again in " + item.substr(1) + ":" +
                                         std::to_string(h.line) + ")")
              .WithField(b.path + "." + h.competency);
        seen.push_back(h.competency);
        add(h.competency, h.level);
      }
      continue;
    }
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0)
      return Status::InvalidArgument("'" + item + "' is not NAME=LEVEL, e.g. people=4, or @FILE, a profile file").WithField(b.path);
    const std::string key = item.substr(0, eq);
    if (std::find(seen.begin(), seen.end(), key) != seen.end())
      return Status::InvalidArgument("'" + key + "' is given twice").WithField(b.path + "." + key);
    seen.push_back(key);
    const std::string text = item.substr(eq + 1);
    double value = 0;
    std::size_t used = 0;
    try {
      value = std::stod(text, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != text.size())
      return Status::InvalidArgument("level '" + text + "' of '" + key + "' is not a number").WithField(b.path + "." + key);
    add(key, value);
  }
  return Status::Ok();
}

Status RequestFlags::Fill(google::protobuf::Message* msg) const {
  std::vector<std::pair<std::string, std::string>> spell;
  for (const auto& b : bindings_) spell.emplace_back(b->path, b->flag);
  SetFlagSpellings(std::move(spell));
  for (const auto& b : bindings_) {
    if (b->is_switch) {
      if (b->on) CAREERGRAPH_RETURN_IF_ERROR(SetFieldText(msg, b->path, "true"));
      continue;
    }
    if (b->is_pairs) {
      CAREERGRAPH_RETURN_IF_ERROR(FillPairs(*b, msg));
      continue;
    }
    if (b->is_map) {
      CAREERGRAPH_RETURN_IF_ERROR(FillMap(*b, msg));
      continue;
    }
    int index = 0;
    const auto* field = FieldAtPath(request_, b->path);
    for (const auto& v : b->values) {
      // "pm, tpm": list items are trimmed and empty ones dropped.
      const auto first = v.find_first_not_of(" \t");
      if (first == std::string::npos) {
        if (b->values.size() > 1) continue;
      }
      const auto last = v.find_last_not_of(" \t");
      const std::string item = first == std::string::npos ? std::string() : v.substr(first, last - first + 1);
      const std::string at = field->is_repeated() ? b->path + "[" + std::to_string(index++) + "]" : b->path;
      CAREERGRAPH_RETURN_IF_ERROR(SetFieldText(msg, b->path, item, at));
    }
  }
  return Status::Ok();
}

void SetFlagSpellings(std::vector<std::pair<std::string, std::string>> path_to_flag) {
  // Longest paths first, so "constraints.max_years" is replaced before "max_years".
  std::stable_sort(path_to_flag.begin(), path_to_flag.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  Spellings() = std::move(path_to_flag);
}

std::string FlagForField(const std::string& path) {
  std::string bare = path;
  if (auto br = bare.find('['); br != std::string::npos) bare.resize(br);
  for (const auto& [p, flag] : Spellings())
    if (p == bare) return flag;
  // A field inside a flag's message ("weights.years" of --weights years=...).
  for (const auto& [p, flag] : Spellings())
    if (bare.size() > p.size() && bare.compare(0, p.size(), p) == 0 && bare[p.size()] == '.') return flag;
  return path;
}

std::string SpellFieldsAsFlags(const std::string& text) {
  std::string out = text;
  for (const auto& [path, flag] : Spellings()) {
    // A plain word ("from", "weights") is read as a field only where a path goes on from it
    // ("weights.years"); elsewhere it is an ordinary word of the message.
    const bool plain = path.find_first_of("._") == std::string::npos;
    for (std::size_t at = out.find(path); at != std::string::npos; at = out.find(path, at)) {
      std::size_t end = at + path.size();
      const bool starts = at == 0 || !IsPathChar(out[at - 1]);
      const bool ends = end == out.size() || !(std::isalnum(static_cast<unsigned char>(out[end])) || out[end] == '_');
      const bool goes_on = end + 1 < out.size() && ((out[end] == '.' && std::isalpha(static_cast<unsigned char>(out[end + 1]))) ||
                                                    (out[end] == '[' && std::isdigit(static_cast<unsigned char>(out[end + 1]))));
      if (!starts || !ends || (plain && !goes_on)) {
        at = end;
        continue;
      }
      if (end < out.size() && out[end] == '[') {  // drop an element index
        const auto close = out.find(']', end);
        if (close != std::string::npos) end = close + 1;
      }
      // "weights.years" of --weights reads "--weights years".
      const std::string with = end < out.size() && out[end] == '.' ? flag + " " : flag;
      if (with.size() > flag.size()) ++end;
      out.replace(at, end - at, with);
      at += with.size();
    }
  }
  return out;
}

}  // namespace careergraph::cli
