// A standalone SVG line chart (axes, ticks, grid, labels, legend, title) for pay over time,
// readable in any browser or image viewer without scripts, fonts or stylesheets beyond the
// generic sans-serif family. Used by `careergraph compare --chart` and by the server's
// `Accept: image/svg+xml` on /v1/compare (compare_chart.h), so both draw the same chart.
//
// Design choices: ticks are "nice numbers" (Heckbert, "Nice numbers for graph labels",
// Graphics Gems, 1990) so axes read 0, 2, 4 ... and $300k, $400k ...; colours are the
// Okabe-Ito palette, distinguishable with the common colour-vision deficiencies, and each
// option's two lines differ in dash as well as in legend text. Piecewise-constant series
// (pay held until the next move) are drawn as steps, not slopes, so the chart never shows
// a pay rise before it happens.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace careergraph::render {

struct ChartSeries {
  std::string label;
  std::vector<std::pair<double, double>> points;  // (x, y), x increasing
  int color = 0;        // palette index
  bool dashed = false;
  bool step = true;     // y holds from one x to the next
};

// A labelled point drawn over the lines (e.g. where a plan enters an option).
struct ChartMarker {
  double x = 0, y = 0;
  std::string label;
  int color = 0;
};

struct LineChart {
  std::string title;
  std::vector<std::string> subtitles;
  std::string x_label, y_label;
  std::string currency;  // y tick labels as money ("$300k") when set
  std::vector<ChartSeries> series;
  std::vector<ChartMarker> markers;
};

std::string RenderSvgLineChart(const LineChart& chart, int width = 960, int height = 600);

// Exposed for tests: a nice step for covering `range` with about `ticks` intervals.
double NiceStep(double range, int ticks);
// "$300k", "$1.25M", "EUR 90k".
std::string ShortMoney(double v, const std::string& currency);
// Text for SVG/XML content and attribute values: & < > " ' escaped.
std::string XmlEscape(const std::string& s);

}  // namespace careergraph::render
