#include "engine/choices.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>

#include "engine/position_index.h"  // EditDistance

namespace careergraph {
namespace {

// Extra spellings of a value, by the value's full name. Kept for ladders written before the
// names were settled ("kind: switch").
const std::multimap<std::string, std::string>& Aliases() {
  static const auto* a = new std::multimap<std::string, std::string>{
      {"TRANSITION_KIND_PROMOTION", "PROMOTE"},
      {"TRANSITION_KIND_TRACK_SWITCH", "SWITCH"},
      {"TRANSITION_KIND_TRACK_SWITCH", "TRACKSWITCH"},
      {"TRANSITION_KIND_ORG_CHANGE", "EXTERNAL"},
      {"TRANSITION_KIND_ORG_CHANGE", "ORGCHANGE"},
  };
  return *a;
}

// "TransitionKind" -> "TRANSITION_KIND_".
std::string PrefixOf(std::string_view type_name) {
  std::string out;
  for (std::size_t i = 0; i < type_name.size(); ++i) {
    const char c = type_name[i];
    if (i > 0 && std::isupper(static_cast<unsigned char>(c))) out.push_back('_');
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out + "_";
}

}  // namespace

std::string Choices::Key(std::string_view text) {
  std::string k;
  k.reserve(text.size());
  for (char c : text) {
    if (c == '-' || c == ' ') c = '_';
    k.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return k;
}

Choices::Choices(const google::protobuf::EnumDescriptor* type) : prefix_(PrefixOf(type->name())) {
  for (int i = 0; i < type->value_count(); ++i) {
    const auto* v = type->value(i);
    const std::string& full = v->name();
    const bool prefixed = full.rfind(prefix_, 0) == 0;
    const std::string bare = prefixed ? full.substr(prefix_.size()) : full;
    keys_.emplace_back(full, v->number());
    if (prefixed) keys_.emplace_back(bare, v->number());
    auto [lo, hi] = Aliases().equal_range(full);
    for (auto it = lo; it != hi; ++it) keys_.emplace_back(it->second, v->number());
    if (v->number() == 0) continue;
    std::string shortname;
    for (char c : bare) shortname.push_back(c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    names_.push_back(std::move(shortname));
    numbers_.push_back(v->number());
  }
}

const Choices& Choices::Of(const google::protobuf::EnumDescriptor* type) {
  static std::mutex mu;
  static auto* registry = new std::map<const google::protobuf::EnumDescriptor*, std::unique_ptr<Choices>>();
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = (*registry)[type];
  if (!slot) slot.reset(new Choices(type));
  return *slot;
}

std::string_view Choices::Name(int number) const {
  for (std::size_t i = 0; i < numbers_.size(); ++i)
    if (numbers_[i] == number) return names_[i];
  return "unspecified";
}

std::string Choices::Help() const {
  std::string out;
  for (const auto& n : names_) out += (out.empty() ? "" : " | ") + n;
  return out;
}

int Choices::Find(std::string_view text) const {
  const std::string k = Key(text);
  for (const auto& [key, number] : keys_)
    if (key == k) return number;
  return -1;
}

StatusOr<int> Choices::Parse(std::string_view text, std::string_view field) const {
  if (int n = Find(text); n >= 0) return n;
  std::string valid;
  for (std::size_t i = 0; i < names_.size(); ++i)
    valid += (i == 0 ? "" : i + 1 == names_.size() ? " or " : ", ") + names_[i];
  const std::string lower = Key(text);
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& n : names_) scored.emplace_back(EditDistance(lower, Key(n)), n);
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> suggestions;
  for (const auto& [d, n] : scored)
    if (d <= std::max<std::size_t>(2, text.size() / 3) && suggestions.size() < 3) suggestions.push_back(n);
  std::string msg = "unknown " + std::string(field) + " '" + std::string(text) + "'; valid values: " + valid;
  if (!suggestions.empty()) msg += "; did you mean '" + suggestions.front() + "'?";
  return Status::InvalidArgument(msg).WithField(std::string(field)).WithSuggestions(std::move(suggestions));
}

}  // namespace careergraph
