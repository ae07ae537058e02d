#include "render/compare_chart.h"

#include "render/text.h"

namespace careergraph::render {

std::string CompareQuestion(const v1::CompareResponse& r) {
  std::string q = r.from_title() + ": ";
  for (int i = 0; i < r.options_size(); ++i)
    q += (i == 0 ? "" : i + 1 == r.options_size() ? " or " : ", ") + r.options(i).name();
  return q + "?";
}

LineChart CompareChart(const v1::CompareResponse& r, const std::string& cur) {
  LineChart c;
  c.title = CompareQuestion(r);
  c.subtitles.push_back("Annual pay over the next " + YearsText(r.horizon_years()) +
                        ". Solid: best plan, every move succeeding; dashed: expected pay when moves can fail.");
  std::string earn = "Expected earnings:";
  for (int i = 0; i < r.options_size(); ++i) {
    const auto& o = r.options(i);
    earn += std::string(i ? ";" : "") + " " + o.name() + " " +
            (o.reachable() ? Money(o.expected_earnings(), cur) : std::string("not within the horizon"));
  }
  c.subtitles.push_back(earn);
  c.x_label = "Years from now";
  c.y_label = "Annual pay (" + (cur.empty() ? std::string("USD") : cur) + ")";
  c.currency = cur.empty() ? "USD" : cur;
  for (int i = 0; i < r.options_size(); ++i) {
    const auto& o = r.options(i);
    if (!o.reachable()) continue;
    ChartSeries best, exp;
    best.label = o.name() + ": best plan";
    exp.label = o.name() + ": expected";
    best.color = exp.color = i;
    exp.dashed = true;
    for (const auto& p : o.series()) {
      best.points.push_back({p.year(), p.best_pay()});
      exp.points.push_back({p.year(), p.expected_pay()});
    }
    // Mark where the best plan enters the option.
    for (const auto& s : o.best_plan().steps())
      if (!s.position_id().empty() && s.arrival_year() > 0 && s.track() == o.track() && !o.track().empty()) {
        c.markers.push_back({s.arrival_year(), s.pay(), "enters as " + s.title(), i});
        break;
      }
    c.series.push_back(std::move(best));
    c.series.push_back(std::move(exp));
  }
  return c;
}

std::string CompareChartSvg(const v1::CompareResponse& r, const std::string& currency) {
  return RenderSvgLineChart(CompareChart(r, currency));
}

}  // namespace careergraph::render
