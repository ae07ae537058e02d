#include "render/svg_chart.h"

#include "render/text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace careergraph::render {
namespace {

constexpr const char* kPalette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                    "#E69F00", "#56B4E9", "#000000", "#F0E442"};
constexpr const char* kFont = "DejaVu Sans, Helvetica, Arial, sans-serif";

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string Trim(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

void Text(std::ostringstream& os, double x, double y, const std::string& text, int size, const char* anchor,
          const char* fill = "#333333", const char* weight = "normal", const std::string& extra = "") {
  os << "<text x=\"" << Num(x) << "\" y=\"" << Num(y) << "\" font-family=\"" << kFont << "\" font-size=\"" << size
     << "\" font-weight=\"" << weight << "\" fill=\"" << fill << "\" text-anchor=\"" << anchor << "\"" << extra << ">"
     << XmlEscape(text) << "</text>\n";
}

// The largest font size up to `size` at which `text` fits in `room` pixels, estimating a
// glyph at `em` of the font size (DejaVu Sans averages about 0.55, bold about 0.62); never
// below 9, where text stops being readable anyway.
int FitFont(const std::string& text, int size, double em, double room) {
  std::size_t glyphs = 0;
  for (unsigned char ch : text) glyphs += (ch & 0xC0) != 0x80;
  while (size > 9 && static_cast<double>(glyphs) * em * size > room) --size;
  return size;
}

}  // namespace

double NiceStep(double range, int ticks) {
  if (!(range > 0) || ticks < 1) return 1;
  const double raw = range / ticks;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / mag;
  const double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return nice * mag;
}

std::string ShortMoney(double v, const std::string& currency) {
  if (std::isnan(v)) return kUnknownText;
  const std::string unit = currency.empty() || currency == "USD" ? "$" : currency + " ";
  const double a = std::fabs(v);
  std::string body;
  if (a >= 1e6) body = Trim(std::round(a / 1e4) / 100) + "M";
  else if (a >= 1e3) body = Trim(std::round(a / 1e2) / 10) + "k";
  else body = Trim(std::round(a));
  return (v < 0 ? "-" : "") + unit + body;
}

std::string RenderSvgLineChart(const LineChart& c, int width, int height) {
  // Data ranges.
  double xmin = 0, xmax = 1, ymin = 0, ymax = 1;
  bool any = false;
  for (const auto& s : c.series)
    for (const auto& [x, y] : s.points) {
      if (!any) xmin = xmax = x, ymin = ymax = y, any = true;
      xmin = std::min(xmin, x), xmax = std::max(xmax, x), ymin = std::min(ymin, y), ymax = std::max(ymax, y);
    }
  if (xmax <= xmin) xmax = xmin + 1;
  if (ymax <= ymin) ymax = ymin + 1, ymin = std::max(0.0, ymin - 1);
  const double ystep = NiceStep(ymax - ymin, 6);
  const double ylo = std::floor(ymin / ystep) * ystep, yhi = std::ceil(ymax / ystep) * ystep;
  const double xstep = std::max(NiceStep(xmax - xmin, 10), 1.0);

  // Layout: title block, plot, x label, legend rows.
  const int legend_cols = 2;
  const int legend_rows = static_cast<int>((c.series.size() + legend_cols - 1) / legend_cols);
  const double left = 92, right = 36;
  const double top = 56 + 18.0 * c.subtitles.size();
  const double bottom = 70 + 22.0 * legend_rows;
  const double px0 = left, px1 = width - right, py0 = top, py1 = height - bottom;
  auto X = [&](double x) { return px0 + (x - xmin) / (xmax - xmin) * (px1 - px0); };
  auto Y = [&](double y) { return py1 - (y - ylo) / (yhi - ylo) * (py1 - py0); };

  std::ostringstream os;
  os << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
     << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
     << "\" viewBox=\"0 0 " << width << " " << height << "\">\n";
  os << "<title>" << XmlEscape(c.title) << "</title>\n";
  os << "<rect x=\"0\" y=\"0\" width=\"" << width << "\" height=\"" << height << "\" fill=\"#ffffff\"/>\n";
  Text(os, width / 2.0, 30, c.title, FitFont(c.title, 19, 0.62, width - 24), "middle", "#111111", "bold");
  for (std::size_t i = 0; i < c.subtitles.size(); ++i)
    Text(os, width / 2.0, 52 + 18.0 * i, c.subtitles[i], FitFont(c.subtitles[i], 13, 0.56, width - 24), "middle",
         "#555555");

  // Grid and ticks.
  os << "<g stroke=\"#e3e3e3\" stroke-width=\"1\">\n";
  for (double y = ylo; y <= yhi + ystep / 2; y += ystep)
    os << "<line x1=\"" << Num(px0) << "\" y1=\"" << Num(Y(y)) << "\" x2=\"" << Num(px1) << "\" y2=\"" << Num(Y(y))
       << "\"/>\n";
  for (double x = std::ceil(xmin / xstep) * xstep; x <= xmax + 1e-9; x += xstep)
    os << "<line x1=\"" << Num(X(x)) << "\" y1=\"" << Num(py0) << "\" x2=\"" << Num(X(x)) << "\" y2=\"" << Num(py1)
       << "\"/>\n";
  os << "</g>\n";
  for (double y = ylo; y <= yhi + ystep / 2; y += ystep)
    Text(os, px0 - 8, Y(y) + 4, c.currency.empty() ? Trim(y) : ShortMoney(y, c.currency), 12, "end");
  for (double x = std::ceil(xmin / xstep) * xstep; x <= xmax + 1e-9; x += xstep) {
    os << "<line x1=\"" << Num(X(x)) << "\" y1=\"" << Num(py1) << "\" x2=\"" << Num(X(x)) << "\" y2=\""
       << Num(py1 + 5) << "\" stroke=\"#333333\"/>\n";
    Text(os, X(x), py1 + 20, Trim(x), 12, "middle");
  }
  os << "<line x1=\"" << Num(px0) << "\" y1=\"" << Num(py1) << "\" x2=\"" << Num(px1) << "\" y2=\"" << Num(py1)
     << "\" stroke=\"#333333\" stroke-width=\"1.2\"/>\n";
  os << "<line x1=\"" << Num(px0) << "\" y1=\"" << Num(py0) << "\" x2=\"" << Num(px0) << "\" y2=\"" << Num(py1)
     << "\" stroke=\"#333333\" stroke-width=\"1.2\"/>\n";
  Text(os, (px0 + px1) / 2, py1 + 44, c.x_label, 14, "middle", "#222222");
  const double ymid = (py0 + py1) / 2;
  Text(os, 22, ymid, c.y_label, 14, "middle", "#222222", "normal",
       " transform=\"rotate(-90 22 " + Num(ymid) + ")\"");

  // Series.
  for (const auto& s : c.series) {
    if (s.points.empty()) continue;
    const char* color = kPalette[static_cast<std::size_t>(s.color) % (sizeof kPalette / sizeof *kPalette)];
    os << "<path fill=\"none\" stroke=\"" << color << "\" stroke-width=\"" << (s.dashed ? "2.2" : "2.8")
       << "\" stroke-linejoin=\"round\"" << (s.dashed ? " stroke-dasharray=\"8 5\"" : "") << " d=\"";
    for (std::size_t i = 0; i < s.points.size(); ++i) {
      const auto [x, y] = s.points[i];
      if (i == 0) {
        os << "M" << Num(X(x)) << " " << Num(Y(y));
      } else if (s.step) {
        os << " H" << Num(X(x)) << " V" << Num(Y(y));
      } else {
        os << " L" << Num(X(x)) << " " << Num(Y(y));
      }
    }
    os << "\"/>\n";
  }

  // Markers: a dot on the line and a short label above it.
  for (const auto& m : c.markers) {
    const char* color = kPalette[static_cast<std::size_t>(m.color) % (sizeof kPalette / sizeof *kPalette)];
    os << "<circle cx=\"" << Num(X(m.x)) << "\" cy=\"" << Num(Y(m.y)) << "\" r=\"5\" fill=\"" << color
       << "\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>\n";
    Text(os, X(m.x) + 8, Y(m.y) - 8, m.label, 12, "start", color);
  }

  // Legend, below the x-axis label.
  const double lx0 = px0, col_w = (px1 - px0) / legend_cols;
  for (std::size_t i = 0; i < c.series.size(); ++i) {
    const auto& s = c.series[i];
    const double lx = lx0 + col_w * static_cast<double>(i % legend_cols);
    const double ly = py1 + 66 + 22.0 * static_cast<double>(i / legend_cols);
    const char* color = kPalette[static_cast<std::size_t>(s.color) % (sizeof kPalette / sizeof *kPalette)];
    os << "<line x1=\"" << Num(lx) << "\" y1=\"" << Num(ly - 4) << "\" x2=\"" << Num(lx + 34) << "\" y2=\""
       << Num(ly - 4) << "\" stroke=\"" << color << "\" stroke-width=\"" << (s.dashed ? "2.2" : "2.8") << "\""
       << (s.dashed ? " stroke-dasharray=\"8 5\"" : "") << "/>\n";
    Text(os, lx + 42, ly, s.label, 13, "start", "#222222");
  }
  os << "</svg>\n";
  return os.str();
}

std::string XmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace careergraph::render
