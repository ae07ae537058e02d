#include "engine/pay_basis.h"

#include <algorithm>
#include <cctype>

namespace careergraph {

std::string_view PayBasisName(v1::PayBasis b) {
  switch (b) {
    case v1::PAY_BASIS_MEASURED: return "measured";
    case v1::PAY_BASIS_SHARED: return "shared";
    case v1::PAY_BASIS_ESTIMATED: return "estimated";
    case v1::PAY_BASIS_TOP_CODED: return "top-coded";
    default: return "";
  }
}

bool ParsePayBasis(std::string_view text, v1::PayBasis* out) {
  std::string t;
  for (char c : text)
    if (c != '-' && c != '_' && c != ' ') t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t == "measured" || t == "own") *out = v1::PAY_BASIS_MEASURED;
  else if (t == "shared") *out = v1::PAY_BASIS_SHARED;
  else if (t == "estimated") *out = v1::PAY_BASIS_ESTIMATED;
  else if (t == "topcoded") *out = v1::PAY_BASIS_TOP_CODED;
  else if (t == "unspecified" || t == "stated") *out = v1::PAY_BASIS_UNSPECIFIED;
  else return false;
  return true;
}

std::string BadPayErrorMessage(std::string_view text) {
  return "pay_error " + std::string(text) +
         " is not a number; write a relative error like 0.15 (the figure is typically within 15%)";
}

std::string BadPayBasisMessage(std::string_view text) {
  std::string s = "pay_basis '" + std::string(text) + "' is not one of measured, shared, estimated or top-coded";
  // Letters only, lower case: the names differ in their first four, which tell the one meant.
  auto letters = [](std::string_view x) {
    std::string t;
    for (char c : x)
      if (std::isalpha(static_cast<unsigned char>(c))) t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return t;
  };
  const std::string t = letters(text);
  if (t.size() >= 4)
    for (const char* name : {"measured", "shared", "estimated", "top-coded"})
      if (letters(name).starts_with(t.substr(0, 4))) return s + "; did you mean '" + name + "'?";
  return s;
}

namespace {

v1::PayBasis BasisOf(const CareerGraph& g, Vertex v) { return g.position(v).pay_basis(); }

// "Clinical Research Coordinators (shared: OEWS 2024 11-9121)"
std::string Named(const CareerGraph& g, Vertex v) {
  const v1::Position& p = g.position(v);
  std::string s = p.title().empty() ? p.id() : p.title();
  s += " (" + std::string(PayBasisName(p.pay_basis()));
  if (!p.pay_source().empty()) s += ": " + p.pay_source();
  return s + ")";
}

std::string List(const CareerGraph& g, const std::vector<Vertex>& vs) {
  std::string s;
  const std::size_t shown = std::min<std::size_t>(vs.size(), 3);
  for (std::size_t i = 0; i < shown; ++i) s += (i ? "; " : "") + Named(g, vs[i]);
  if (vs.size() > shown) s += "; and " + std::to_string(vs.size() - shown) + " more";
  return s;
}

}  // namespace

std::string RankingPayNote(const CareerGraph& g, std::span<const Vertex> ranked_by, std::string_view items) {
  // An uncertain item outranks an own one when some own-figure item comes after it.
  std::size_t last_own = ranked_by.size();
  for (std::size_t i = ranked_by.size(); i-- > 0;)
    if (Known(g.pay(ranked_by[i])) && PayIsOwn(BasisOf(g, ranked_by[i]))) {
      last_own = i;
      break;
    }
  if (last_own == ranked_by.size()) return "";
  std::vector<Vertex> above;
  std::size_t count = 0;
  for (std::size_t i = 0; i < last_own; ++i) {
    const Vertex v = ranked_by[i];
    if (!Known(g.pay(v)) || !PayIsUncertain(BasisOf(g, v))) continue;
    ++count;
    if (std::find(above.begin(), above.end(), v) == above.end()) above.push_back(v);
  }
  if (count == 0) return "";
  return std::to_string(count) + " of these " + std::string(items) +
         " rank above others on a pay figure that is not the position's own: " + List(g, above);
}

std::string FigurePayNote(const CareerGraph& g, std::span<const Vertex> used, std::string_view what) {
  std::vector<Vertex> uncertain;
  for (Vertex v : used)
    if (Known(g.pay(v)) && PayIsUncertain(BasisOf(g, v)) &&
        std::find(uncertain.begin(), uncertain.end(), v) == uncertain.end())
      uncertain.push_back(v);
  if (uncertain.empty()) return "";
  return "pay figures that are not the positions' own enter " + std::string(what) + ": " + List(g, uncertain);
}

}  // namespace careergraph
