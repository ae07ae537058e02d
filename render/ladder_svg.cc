#include "render/ladder_svg.h"

#include "render/text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "render/svg_chart.h"

namespace careergraph::render {
namespace {

constexpr double kBoxW = 150, kBoxH = 40, kGap = 8, kTrackGap = 18, kRowH = 62, kLeft = 48, kTop = 64;
constexpr const char* kFont = "DejaVu Sans, Helvetica, Arial, sans-serif";

std::string N(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// At most `n` characters (code points), the last an ellipsis when cut.
std::string Cut(const std::string& s, std::size_t n) {
  std::vector<std::size_t> starts;  // byte offset of each code point
  for (std::size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) starts.push_back(i);
  if (starts.size() <= n) return s;
  return s.substr(0, starts[n - 1]) + "\u2026";
}

}  // namespace

std::string LadderSvg(const std::vector<const v1::Position*>& all, const std::vector<std::string>& route,
                      const std::string& title, const std::string& currency) {
  const std::set<std::string> on(route.begin(), route.end());
  std::vector<const v1::Position*> ps = all;
  if (ps.size() > 150 && !route.empty()) {
    std::set<std::string> tracks;
    for (const auto* p : ps)
      if (on.count(p->id())) tracks.insert(p->track());
    ps.erase(std::remove_if(ps.begin(), ps.end(), [&](const v1::Position* p) { return !tracks.count(p->track()); }),
             ps.end());
  }
  std::vector<std::string> tracks;
  std::set<int, std::greater<int>> levels;
  std::map<std::pair<std::string, int>, std::vector<const v1::Position*>> cells;
  for (const auto* p : ps) {
    if (std::find(tracks.begin(), tracks.end(), p->track()) == tracks.end()) tracks.push_back(p->track());
    levels.insert(p->level());
    cells[{p->track(), p->level()}].push_back(p);
  }
  std::map<std::string, double> col_x;
  double x = kLeft;
  for (const auto& t : tracks) {
    std::size_t width = 1;
    for (int l : levels) width = std::max(width, cells[{t, l}].size());
    col_x[t] = x;
    x += static_cast<double>(width) * (kBoxW + kGap) + kTrackGap;
  }
  const double width = std::max(x + 10, 480.0), height = kTop + static_cast<double>(levels.size()) * kRowH + 16;

  std::ostringstream os;
  os << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << N(width)
     << "\" height=\"" << N(height) << "\" viewBox=\"0 0 " << N(width) << " " << N(height) << "\" font-family=\"" << kFont
     << "\">\n";
  os << "<title>" << XmlEscape(title.empty() ? "Career ladder" : title) << "</title>\n";
  os << "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
        "orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#0b62c4\"/></marker></defs>\n";
  os << "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  if (!title.empty())
    os << "<text x=\"" << N(kLeft) << "\" y=\"24\" font-size=\"16\" font-weight=\"bold\" fill=\"#1d2330\">"
       << XmlEscape(title) << "</text>\n";
  for (const auto& t : tracks)
    os << "<text x=\"" << N(col_x[t]) << "\" y=\"" << N(kTop - 12) << "\" font-size=\"12\" font-weight=\"bold\" "
       << "fill=\"#5b6475\">" << XmlEscape(t) << "</text>\n";
  std::map<std::string, std::pair<double, double>> at;
  int row = 0;
  for (int l : levels) {
    const double y = kTop + row++ * kRowH;
    os << "<text x=\"8\" y=\"" << N(y + kBoxH / 2 + 4) << "\" font-size=\"11\" fill=\"#5b6475\">L" << l << "</text>\n";
    for (const auto& t : tracks) {
      double bx = col_x[t];
      for (const auto* p : cells[{t, l}]) {
        at[p->id()] = {bx, y};
        const bool hot = on.count(p->id()) > 0, start = !route.empty() && p->id() == route.front();
        os << "<g class=\"pos" << (hot ? " on-route" : "") << "\" data-id=\"" << XmlEscape(p->id()) << "\"><title>"
           << XmlEscape(p->title()) << "</title><rect x=\"" << N(bx) << "\" y=\"" << N(y) << "\" width=\"" << N(kBoxW)
           << "\" height=\"" << N(kBoxH) << "\" rx=\"5\" fill=\"" << (start ? "#fff3c4" : hot ? "#dbeafe" : "#ffffff")
           << "\" stroke=\"" << (start ? "#b7791f" : hot ? "#0b62c4" : "#9aa4b5") << "\" stroke-width=\""
           << (hot ? 2 : 1) << "\"/><text x=\"" << N(bx + 6) << "\" y=\"" << N(y + 16) << "\" font-size=\"11\" "
           << "fill=\"#1d2330\">" << XmlEscape(Cut(p->title(), 22)) << "</text><text x=\"" << N(bx + 6) << "\" y=\""
           << N(y + 31) << "\" font-size=\"10\" fill=\"#5b6475\">" << XmlEscape(ShortMoney(Value(p->has_annual_pay(), p->annual_pay()), currency))
           << "</text></g>\n";
        bx += kBoxW + kGap;
      }
    }
  }
  // The moves: from border to border along the line between the boxes' centres.
  for (std::size_t i = 1; i < route.size(); ++i) {
    auto a = at.find(route[i - 1]), b = at.find(route[i]);
    if (a == at.end() || b == at.end()) continue;
    const double ax = a->second.first + kBoxW / 2, ay = a->second.second + kBoxH / 2;
    const double bx = b->second.first + kBoxW / 2, by = b->second.second + kBoxH / 2;
    const double dx = bx - ax, dy = by - ay;
    double t = 0.45;
    if (dx != 0) t = std::min(t, kBoxW / 2 / std::fabs(dx));
    if (dy != 0) t = std::min(t, kBoxH / 2 / std::fabs(dy));
    os << "<line class=\"move route-move\" data-from=\"" << XmlEscape(route[i - 1]) << "\" data-to=\""
       << XmlEscape(route[i]) << "\" x1=\"" << N(ax + dx * t) << "\" y1=\"" << N(ay + dy * t) << "\" x2=\""
       << N(bx - dx * t) << "\" y2=\"" << N(by - dy * t)
       << "\" stroke=\"#0b62c4\" stroke-width=\"3\" marker-end=\"url(#arrow)\"/>\n";
  }
  os << "</svg>\n";
  return os.str();
}

}  // namespace careergraph::render
